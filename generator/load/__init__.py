"""stage 1, load: config, front matter, Markdown, articles, registries, pages, redirects and the cache-aware loader.

The code map by stage is in docs/architecture.md.
"""
