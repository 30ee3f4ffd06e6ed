"""Printing leaflets: the print gate's verdicts turned into HTML and PDF files.

Owns: `page` (pure: a leaflet, its catalogues and a clinic profile → HTML), `pdf` (HTML
→ PDF/UA-1 through WeasyPrint, never fetching a URL), `tagging` (what WeasyPrint's tag
tree lacks: /Lang on parts in another language, page margins as artifacts), `dashboard`
(the project overview page, with its template beside it), `pipeline` (plan every locale ×
leaflet, gate it, render in parallel, clean up what may no longer print), `jobs` (what it
plans and what becomes of each), `editions` (the
clinic profile a render uses and the edition it makes), `notice` and `notice_line` (the
"other formats and languages on request" lines), `pseudo_edition` (`render --pseudo`: en_XA drafts),
`incremental` (which PDFs are still current), `record` (the release record of a final
print), `archive` (the archival edition: PDF/A-3a and PDF/UA-1 carrying its source,
catalogues and record as associated files), `build` (the whole job: extract, update,
check, status, render) and `replay` (a build with nothing to do returns the last one's
result).

May import: `errors`, `_util`, `model`, `trust`, `locales`, `fonts`, `clinic`, `config`, `glossary`,
`state`, `status`, `leaflet`, `checks`, `gate`, `project`. Never `review` or `cli`, which
build on it.
"""
