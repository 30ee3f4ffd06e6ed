"""Shared pytest set-up. `helpers` is importable because pyproject.toml's pytest options set
`pythonpath = ["tests"]`; doctests in src/ run through `--doctest-modules` there too."""
