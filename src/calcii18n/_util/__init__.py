"""Private plumbing, not part of the domain (Click's leading underscore: skip on a first read).

Owns: `files` (atomic writes, reads with path:line errors), `tomlfile`, `cache` (parsed
files and findings, keyed by content, signed with `localsecret`'s machine-local key;
`typed_json` turns cached dataclasses back into nothing but their own types),
`parallel` and `cpus` (worker pools sized to the cores we may use) and `gcpause` (no
garbage collection while building big trees).

May import: `errors` only.
"""
