"""Review sign-off (design §3): who may approve a translation, and the record of it.

Owns: `signoff` (pure: plan, sign and reject entries; the four-eyes rule), `session` (a
reviewer working through one catalogue: reads it, writes it back atomically; who signs),
`translators` (each entry's translator of record, from git when it can), `sheet` (the
bilingual review sheet to print, with its template beside it), `machine` (machine drafts:
mark, confirm, draft) and `engines` (the plugin interface of machine translation).

May import: `errors`, `_util`, `model`, `trust`, `locales`, `fonts`, `config`, `glossary`,
`po`, `state`, `status`, `leaflet`, `checks`, `changes`, `exchange`, `project`, `publish`
(only `publish.pdf`: a sheet prints as a leaflet does). Never `cli`.
"""
