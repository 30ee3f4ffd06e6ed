"""The project folder on disk: the only package that finds a project's files.

Owns: `layout` (where sources, templates and catalogues are, and reading them), `write`
(extract, init, update: compute everything, then write atomically), `queries` (the read
side: status, check, stale) and `new` (a new project from the package's skeleton).

May import everything below it: values, `po`, `leaflet`, `checks`, `changes`, `merge`,
`gate`, `_util`. Never `review`, `publish` or `cli`, which build on it.
"""
