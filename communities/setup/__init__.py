"""Setting Tapestry up: `setup_tapestry` (locales, site, page-tree skeleton, groups; `services`)
and the demo content behind `load_demo_content` (`demo`).

The top of `communities/`: may import every room (setup creates the editorial workflows),
the shared modules, `articles` and `home`. The management commands in
`communities/management/commands/` call it.
"""
