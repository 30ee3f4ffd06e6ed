"""source._tree must read markdown-it's tokens exactly as markdown-it's own SyntaxTreeNode does:
the leaflet builder was written against that tree and only the speed may differ."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.tree import SyntaxTreeNode

from calcii18n.leaflet.source import _inline_tokens, _Node, _parser, _tree

ROOT = Path(__file__).resolve().parents[2]

TRICKY = """\
## Title {#a}

A paragraph
over two lines with **bold**, a [link](https://example.org) and `code`.

- one [![img](x.png)](https://example.org)
- two  \\
  three

> callout <b>html</b>
>
> 1. first
> 2. second
>    - nested

<!-- a note -->

| a | b |
|---|---|
| 1 | 2 |

```
fenced
```

    indented

---

Setext
======
"""


def _flat_inline(node: SyntaxTreeNode) -> list[str]:
    """SyntaxTreeNode turns link_open … link_close into one `link` node; compare token
    types, so put the pairs back."""
    out = []
    for child in node.children:
        if child.nester_tokens:
            out += [child.nester_tokens.opening.type, *_flat_inline(child),
                    child.nester_tokens.closing.type]
        else:
            out += [child.type, *_flat_inline(child)]
    return out


def _reference(text: str) -> list[tuple[object, ...]]:
    def shape(node: SyntaxTreeNode) -> tuple[object, ...]:
        inline = _flat_inline(node) if node.type == "inline" else []
        return (node.type, node.tag, list(node.map) if node.map else None, node.content,
                inline, [shape(c) for c in node.children if node.type != "inline"])
    return [shape(c) for c in SyntaxTreeNode(_parser().parse(text)).children]


def _ours(text: str) -> list[tuple[object, ...]]:
    def shape(node: _Node) -> tuple[object, ...]:
        return (node.type, node.tag, node.map, node.content,
                [t.type for t in _inline_tokens(node.inline)],
                [shape(c) for c in node.children])
    return [shape(c) for c in _tree(_parser().parse(text))]


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "sources").glob("*.md")))
def test_tree_equals_syntax_tree_on_the_sample_sources(name: str) -> None:
    text = (ROOT / "sources" / name).read_text(encoding="utf-8")
    assert _ours(text) == _reference(text)


def test_tree_equals_syntax_tree_on_every_block_kind() -> None:
    ours = _ours(TRICKY)
    assert ours == _reference(TRICKY)
    kinds = {shape[0] for shape in ours}
    assert {"heading", "paragraph", "bullet_list", "blockquote", "html_block", "table",
            "fence", "code_block", "hr"} <= kinds
    bullets = next(shape for shape in ours if shape[0] == "bullet_list")
    first_item_inline = bullets[5][0][5][0][5][0][4]
    assert "image" in first_item_inline  # nested inside a link, still seen


_PIECES = ["## H {#h}", "text", "**b**", "- item", "1. item", "> quote", "<!-- n -->", "",
           "![i](x)", "<i>x</i>", "line  ", "back\\", "    code", "```", "---", "===",
           "[a](b)", "| a |", "|---|"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25))
def test_tree_equals_syntax_tree_on_generated_markdown(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert _ours(text) == _reference(text)
