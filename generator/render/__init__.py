"""stages 3 and 4, plan and render: page kinds as PageSpecs, the planner, and the HTML, feed, image and search renderers.

The code map by stage is in docs/architecture.md.
"""
