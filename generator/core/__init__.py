"""leaves every stage uses: the data types, hashes, URL rules, problems, UI strings, the worker pool and the cache's JSON codec.

The code map by stage is in docs/architecture.md.
"""
