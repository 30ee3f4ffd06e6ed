"""The project folder on disk: the only package that finds a project's files.

Owns: `layout` (where sources, templates and catalogues are, and reading them), `write`
(extract, init, update: compute everything, then write atomically), `units` (the
catalogues a command works on, with their templates), `checking` (check findings, in
bounded memory), `queries` (the read side: status, stale), `readability` (scoring a
project's leaflets), `memory` (TMX out and in), `exchange` (XLIFF out and
back in), `termbase` (the glossary as TBX, in and out), `importing` (a saved page in, a
draft source out), `cached_values` (how parsed files and findings are kept in the cache,
as plain JSON), `settled` (locales an update would leave as they are, from the same
inputs) and `new` (a new project from the package's skeleton).

May import: `errors`, `_util`, `model`, `trust`, `locales`, `fonts`, `config`, `glossary`, `po`,
`state`, `status`, `leaflet`, `checks`, `changes`, `merge`, `gate`, `importer`,
`exchange`. Never
`review`, `publish` or `cli`, which build on it.
"""
