"""The `#,` flags of an entry in the order and form GNU gettext writes them.

GNU reads each flag into a field (fuzzy, one yes/no/possible per format language, a range,
wrap) and writes the fields back in a fixed order: fuzzy, the format flags in its list of
languages, `range:`, `no-wrap`. So `msgcat` turns `#, python-brace-format, python-format`
into `#, python-format, python-brace-format`, and for one language the last flag wins.

Where we differ, on purpose: a flag GNU does not know is kept (after GNU's; GNU drops it),
so nothing a translator or another tool wrote is lost. (And GNU 0.21 keeps only the last of
several `#,` lines of one entry, so `#, fuzzy` followed by `#, c-format` is not fuzzy to
msgfmt; we read every line, so such an entry stays fuzzy and is never printed as final.)
"""

from __future__ import annotations

# GNU gettext's format languages in its order (format_language[] in message.c, 0.22: 0.21's
# list with cplusplus-brace, rust, go, modula2 and d added in their places).
LANGUAGES = ("c", "objc", "cplusplus-brace", "python", "python-brace", "java", "java-printf",
             "csharp", "javascript", "scheme", "lisp", "elisp", "librep", "rust", "go", "ruby",
             "sh", "awk", "lua", "object-pascal", "modula2", "d", "smalltalk", "qt",
             "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace", "php",
             "gcc-internal", "gfc-internal", "ycp")
_RANK = {name: i for i, name in enumerate(LANGUAGES)}
_PREFIXES = (("no-", "no"), ("possible-", "yes"), ("impossible-", None), ("", "yes"))


def _format(flag: str) -> tuple[str, str | None] | None:
    """(language, "yes"/"no"/None for impossible) if `flag` is a format flag GNU knows."""
    if not flag.endswith("-format"):
        return None
    stem = flag[: -len("-format")]
    for prefix, value in _PREFIXES:
        if stem.startswith(prefix) and stem[len(prefix):] in _RANK:
            return stem[len(prefix):], value
    return None


def format_state(flags: tuple[str, ...], language: str) -> str | None:
    """What the flags say of one format language, the last flag winning: "yes" (written
    `x-format`, also for `possible-x-format`), "no", "impossible", or None (nothing)."""
    state = None
    for flag in flags:
        known = _format(flag)
        if known is not None and known[0] == language:
            state = known[1] or "impossible"
    return state


def gnu_order(flags: tuple[str, ...]) -> tuple[str, ...]:
    """The flags as GNU writes them (see the module docstring), unknown ones after.

    >>> gnu_order(("python-brace-format", "no-wrap", "python-format", "fuzzy"))
    ('fuzzy', 'python-format', 'python-brace-format', 'no-wrap')
    >>> gnu_order(("c-format", "no-c-format", "possible-sh-format", "wrap", "x-ours"))
    ('no-c-format', 'sh-format', 'x-ours')
    """
    formats: dict[str, str | None] = {}
    fuzzy, wrap, span = False, True, None
    unknown: list[str] = []
    for flag in flags:
        known = _format(flag)
        if flag == "fuzzy":
            fuzzy = True
        elif known is not None:
            formats[known[0]] = known[1]
        elif flag in ("wrap", "no-wrap"):
            wrap = flag == "wrap"
        elif flag.startswith("range:"):
            span = flag
        elif flag not in unknown:
            unknown.append(flag)
    out = ["fuzzy"] if fuzzy else []
    out += [f"{'no-' if formats[name] == 'no' else ''}{name}-format"
            for name in sorted(formats, key=_RANK.__getitem__) if formats[name] is not None]
    out += [span] if span is not None else []
    out += [] if wrap else ["no-wrap"]
    return (*out, *unknown)
