"""stage 5, write: the atomic writer and `publish`, the edge where the cache and the writer meet `build()`.

The code map by stage is in docs/architecture.md.
"""
