"""The English side (design §1): a leaflet source and what is made from it.

Owns: `frontmatter` (the metadata block), `source` (Markdown → sections and blocks, each
with its message identity), `extract` (leaflets and page templates → `.pot` catalogues),
`templates` (where page templates come from: the project's, else the package's defaults),
`readability` (plain-language scores of the English) and `pseudo` (the pseudo-locale
`en_XA`: the English accented, 35 % longer and bracketed, to test layouts).

May import: `errors`, `model`, `trust`, `state`, `locales`, `clinic`, `po`, `_util`.
"""
