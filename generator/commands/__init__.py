"""the `digest` commands: the CLI (the only module that prints), check, init/new, serve, ping and import.

The code map by stage is in docs/architecture.md.
"""
