"""stage 2, index: tags, companies, sections, archives, related reading, weekly editions and co-mentions.

The code map by stage is in docs/architecture.md.
"""
