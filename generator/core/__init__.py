"""leaves every stage uses: the data types, hashes, URL rules, problems, UI strings, the worker pool, the cache's
JSON codec and plain text wrapped by columns.

The code map by stage is in docs/architecture.md.
"""
