"""PDF/UA-1 tagging: what WeasyPrint's own structure tree lacks, added while it is built.

With `pdf_variant="pdf/ua-1"`, WeasyPrint 68–70 writes a structure tree (H1…H6, P, L, LI,
Lbl, LBody, Table, Figure), /MarkInfo, /DisplayDocTitle, the catalog's /Lang and XMP
metadata. Four things a leaflet needs it does not do, and this module does:

- Language of parts (PDF/UA-1 7.2, WCAG 3.1.2): /Lang goes only on the catalog, so the
  English of a bilingual Arabic leaflet would be read in an Arabic voice. Here every
  structure element whose HTML `lang` differs from its parent's gets its own /Lang.
- Page margins (PDF/UA-1 7.1, 7.8): the text of margin boxes (the running footer, "page n
  of N", the draft banner) is marked as content whose structure elements hang outside the
  tree: neither tagged content nor an artifact. Here it is drawn as a pagination artifact
  (/Artifact <</Type /Pagination /Subtype /Header or /Footer>>), with no MCID at all.
- A block inside <li> (the English of a bilingual list item) becomes a sibling of the
  item's LBody; here it moves into the LBody, so an LI holds only Lbl and LBody.
- <aside> (the callout, the clinic box) is NonStruct; here it is a Sect.

It wraps two private WeasyPrint functions, `pdf.tags._build_box_tree` and
`draw.draw_stacking_context`, identical in 68, 69 and 70. `install` refuses any other
major version or a changed signature, and `tagged` refuses a PDF the hooks took no part in:
a change inside WeasyPrint stops the render instead of printing a leaflet untagged.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeGuard

from calcii18n.errors import Calcii18nError

VARIANT = "pdf/ua-1"
SUPPORTED = (68, 69, 70)  # major versions whose internals the hooks were written against
_TREE = ("box", "parent", "pdf", "page_number", "nums", None, "tags")  # None: any name
_PAINT = ("stream", "stacking_context")


@dataclass(slots=True)
class _Calls:
    """How often the tree hook ran in this process: a render it missed is refused."""

    tree: int = 0


CALLS = _Calls()
_installed: list[str] = []  # the WeasyPrint version the hooks are installed in


def _refuse(shown: str, why: str) -> Calcii18nError:
    return Calcii18nError(shown, None, f"cannot tag the PDF (PDF/UA-1): {why}; nothing "
                          "written")


def _matches(function: object, names: tuple[str | None, ...]
             ) -> TypeGuard[Callable[..., Any]]:
    if not callable(function):
        return False
    found = list(inspect.signature(function).parameters)
    return len(found) == len(names) and all(n is None or n == f for n, f in zip(names, found,
                                                                                strict=True))


def install(shown: str = "") -> None:
    """Wrap WeasyPrint's tagging and margin drawing, once per process; refuse a WeasyPrint
    whose internals the wrappers were not written for."""
    if _installed:
        return
    import weasyprint
    from weasyprint import draw
    from weasyprint.pdf import tags

    version = str(weasyprint.__version__)
    major = version.split(".")[0]
    if not major.isdigit() or int(major) not in SUPPORTED:
        known = ", ".join(map(str, SUPPORTED))
        raise _refuse(shown, f"WeasyPrint {version} is not one of {known}, whose structure "
                      "tree calcii18n completes")
    build = getattr(tags, "_build_box_tree", None)
    paint = getattr(draw, "draw_stacking_context", None)
    if not (_matches(build, _TREE) and _matches(paint, _PAINT)):
        raise _refuse(shown, f"WeasyPrint {version} no longer has the functions calcii18n "
                      "wraps (pdf.tags._build_box_tree, draw.draw_stacking_context)")
    tags._build_box_tree = _tree_hook(build, tags.pydyf)
    draw.draw_stacking_context = _margin_hook(paint, tags.pydyf)
    _installed.append(version)


@contextmanager
def tagged(shown: str) -> Iterator[None]:
    """Around one write_pdf: install the hooks, and refuse the PDF if they did not run."""
    install(shown)
    before = CALLS.tree
    yield
    if CALLS.tree == before:
        raise _refuse(shown, f"WeasyPrint {_installed[0]} built its structure tree without "
                      "calcii18n's hook")


def _margin_hook(paint: Callable[[Any, Any], None], pydyf: Any) -> Callable[[Any, Any], None]:
    from weasyprint.formatting_structure.boxes import MarginBox

    def draw_stacking_context(stream: Any, stacking_context: Any) -> None:
        box = stacking_context.box
        tags = getattr(stream, "_tags", None)
        if tags is None or not isinstance(box, MarginBox):
            paint(stream, stacking_context)
            return
        where = str(getattr(box, "at_keyword", ""))
        kind = {"Type": "/Pagination"}
        if where.startswith(("@top", "@bottom")):
            kind["Subtype"] = "/Header" if where.startswith("@top") else "/Footer"
        stream.begin_marked_content("Artifact", pydyf.Dictionary(kind))
        stream._tags = None  # WeasyPrint marks nothing while there are no tags to fill
        try:
            paint(stream, stacking_context)
        finally:
            stream._tags = tags
            stream.end_marked_content()

    return draw_stacking_context


def _lang(box: Any, outer: str | None) -> str | None:
    lang = box.style["lang"]
    return str(lang) if lang else outer


def _same(one: str | None, other: str | None) -> bool:
    return (one or "").lower().replace("_", "-") == (other or "").lower().replace("_", "-")


def _tree_hook(build: Callable[..., Iterator[Any]], pydyf: Any) -> Callable[..., Iterator[Any]]:
    from weasyprint.formatting_structure.boxes import MarginBox

    around: list[tuple[str | None, object]] = []  # (language, HTML element) of each ancestor

    def _build_box_tree(box: Any, parent: Any, pdf: Any, *rest: Any) -> Iterator[Any]:
        if isinstance(box, MarginBox):
            return  # drawn as an artifact (see _margin_hook): it has no marked content
        CALLS.tree += 1
        if around:
            outer, outer_element = around[-1]
        else:  # the page box: the document's language, from <html lang>
            document = pdf.catalog.get("Lang")
            outer, outer_element = (str(document.string) if document is not None else None), None
        lang = _lang(box, outer)
        around.append((lang, box.element))
        try:  # the whole subtree now: WeasyPrint's generators yield each element once, last
            elements = list(build(box, parent, pdf, *rest))
        finally:
            around.pop()
        for element in elements:
            if not _same(lang, outer) and "Lang" not in element:
                element["Lang"] = pydyf.String(lang)
            if element["S"] == "/LI":
                _only_label_and_body(element, pdf, pydyf)
            elif (element["S"] == "/NonStruct" and box.element is not None
                  and box.element is not outer_element and box.element_tag == "aside"):
                element["S"] = "/Sect"
        yield from elements

    return _build_box_tree


def _only_label_and_body(item: Any, pdf: Any, pydyf: Any) -> None:
    """Make a list item Lbl + one LBody, as PDF/UA expects: its other children (a block
    inside <li>, the text after it) move into its first LBody, in order."""
    def element(kid: Any) -> Any:
        if isinstance(kid, bytes) and kid.endswith(b" R"):
            target = pdf.objects[int(kid.split()[0])]
            if isinstance(target, pydyf.Dictionary) and target.get("Type") == "/StructElem":
                return target
        return None  # an MCID or an annotation: it stays where WeasyPrint put it

    kids = [(kid, element(kid)) for kid in item["K"]]
    roles = [str(obj["S"]) for _, obj in kids if obj is not None]
    if roles.count("/LBody") <= 1 and set(roles) <= {"/Lbl", "/LBody"}:
        return
    body = next((obj for _, obj in kids if obj is not None and obj["S"] == "/LBody"), None)
    if body is None:
        body = pydyf.Dictionary({"Type": "/StructElem", "S": "/LBody", "P": item.reference})
        pdf.add_object(body)
    kept, content = pydyf.Array(), pydyf.Array()
    for kid, obj in kids:
        if obj is None or obj["S"] == "/Lbl":
            kept.append(kid)
            continue
        if body.reference not in kept:
            kept.append(body.reference)
        inner = list(obj["K"]) if obj["S"] == "/LBody" else [kid]
        if obj is not body and any(element(k) is None for k in inner):
            kept.append(kid)  # an LBody holding content itself: left as it is
            continue
        for k in inner:
            content.append(k)
            if element(k) is not None:
                element(k)["P"] = body.reference
    body["K"] = content
    item["K"] = kept
