"""The package's shape, enforced: layers that only import downwards, no import cycle,
modules a newcomer can read in one sitting.

The layers, lowest first. A module may import its own package and any component on a
lower layer; components on the same layer are siblings and stay independent of each
other. Every import counts, also one inside a function.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "calcii18n"
ROOT = "calcii18n"  # the public face: imports from every layer, imported by none

LAYERS: tuple[frozenset[str], ...] = tuple(frozenset(layer) for layer in (
    {"errors"},
    {"_util"},  # plumbing: files, cache, pools
    {"model", "locales", "fonts"},  # values and facts
    {"trust"},  # who may approve, and proof that they did
    {"clinic", "config", "glossary", "po", "state", "matching"},
    {"status", "leaflet"},
    {"checks"},
    {"changes", "merge"},
    {"gate", "importer", "exchange"},  # exchange: XLIFF, TMX, TBX
    {"project"},  # the project on disk: layout, write side, read side
    {"publish"},
    {"review"},  # a review sheet prints through publish.pdf
    {"cli"},
    {ROOT},
))
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
MAX_CLASS_LINES = 200
MAX_TOP_MODULES = 15


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(tree: ast.AST, known: set[str], package: str = ROOT) -> set[str]:
    """The calcii18n modules an AST imports: `from calcii18n import po` names a module;
    a relative import is resolved against `package` (the importing module's package);
    `importlib.import_module("calcii18n…")` and `__import__("calcii18n…")` count too."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == ROOT}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            if base.split(".")[0] != ROOT:
                continue
            for alias in node.names:
                child = f"{base}.{alias.name}"
                found.add(child if child in known else base)
        elif isinstance(node, ast.Call) and _dynamic_import(node.func) and node.args and (
                isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
                and node.args[0].value.split(".")[0] == ROOT):
            found.add(node.args[0].value)
    return found


def _dynamic_import(func: ast.expr) -> bool:
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in ("import_module", "__import__")


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports_of(ast.parse(path.read_text("utf-8")), set(known),
                             name if path.name == "__init__.py" else name.rpartition(".")[0])
            - {name} for name, path in known.items()}


def component(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ROOT


def layer_of(comp: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if comp in layer)


def upward(edges: Mapping[str, set[str]]) -> list[str]:
    """Every import of a component that is not on a lower layer, in words."""
    out = []
    for source, targets in sorted(edges.items()):
        for target in sorted(targets):
            a, b = component(source), component(target)
            if a != b and layer_of(b) >= layer_of(a):
                out.append(f"{source} imports {target}: layer {layer_of(a)} ({a}) may "
                           f"only import lower layers, {b} is on layer {layer_of(b)}")
    return out


def cycles(edges: Mapping[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return out


def functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def test_every_component_has_a_layer() -> None:
    comps = {component(m) for m in modules()}
    assert comps == set().union(*LAYERS), "add new packages to LAYERS, on purpose"


def test_no_import_runs_up_the_layers() -> None:
    assert upward(graph()) == []


def test_no_import_cycle_between_modules() -> None:
    assert cycles(graph()) == []


def test_the_checks_fail_on_an_upward_import_and_a_cycle() -> None:
    """The two tests above can fail: a made-up edge from the floor to the CLI is caught."""
    edges = graph()
    edges["calcii18n.model"] = edges["calcii18n.model"] | {"calcii18n.cli.report"}
    assert upward(edges) == [
        "calcii18n.model imports calcii18n.cli.report: layer 2 (model) may only import "
        "lower layers, cli is on layer 12"]
    assert ["calcii18n.cli.report", "calcii18n.model"] in [
        [m for m in group if m in ("calcii18n.cli.report", "calcii18n.model")]
        for group in cycles(edges)]
    siblings = {"calcii18n.publish.pdf": {"calcii18n.publish.pdf"},
                "calcii18n.gate": {"calcii18n.importer"}}
    assert len(upward(siblings)) == 1


def test_imports_name_modules_not_packages_and_every_form_counts() -> None:
    tree = ast.parse("from calcii18n import po\nfrom calcii18n.po import parse\n"
                     "import calcii18n.errors\nfrom calcii18n.checks import Finding\n")
    known = {"calcii18n.po", "calcii18n.po.parse", "calcii18n.errors", "calcii18n.checks"}
    assert imports_of(tree, known) == known
    hidden = ast.parse("def f():\n    from ..cli import report\n    from . import wrap\n"
                       "    importlib.import_module('calcii18n.publish.pipeline')\n"
                       "    __import__('calcii18n.review')\n")
    known = {"calcii18n.cli.report", "calcii18n.po.wrap"}
    assert imports_of(hidden, known, "calcii18n.po") == {
        "calcii18n.cli.report", "calcii18n.po.wrap", "calcii18n.publish.pipeline",
        "calcii18n.review"}


@pytest.mark.parametrize("name", sorted(modules()))
def test_a_module_is_read_in_one_sitting(name: str) -> None:
    text = modules()[name].read_text("utf-8")
    assert text.count("\n") <= MAX_MODULE_LINES
    assert text.startswith(('"""', 'r"""')), "every module opens with what it owns"
    long = [(f.name, f.lineno, (f.end_lineno or f.lineno) - f.lineno + 1)
            for f in functions(ast.parse(text))
            if (f.end_lineno or f.lineno) - f.lineno + 1 > MAX_FUNCTION_LINES]
    assert long == []
    classes = [(c.name, (c.end_lineno or c.lineno) - c.lineno + 1) for c in ast.walk(
        ast.parse(text)) if isinstance(c, ast.ClassDef)]
    assert [c for c in classes if c[1] > MAX_CLASS_LINES] == []


def test_few_modules_at_the_top() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top


def declared(doc: str) -> set[str] | None:
    """The components a package's docstring says it may import: the `names` in its
    "May import: ..." paragraph (`publish.pdf` names publish); None for "everything"."""
    found = re.search(r"May import:(.*?)(?:\n\n|$)", doc, re.S)
    assert found, "say what the package may import: 'May import: `a`, `b`.'"
    claim = found.group(1).split("Never")[0]
    if claim.strip().startswith("everything"):
        return None
    return {name.split(".")[0] for name in re.findall(r"`([\w.]+)`", claim)}


@pytest.mark.parametrize("init", sorted(PACKAGE.glob("*/__init__.py")), ids=lambda p: p.parent.name)
def test_each_package_imports_only_what_its_docstring_says(init: Path) -> None:
    may = declared(ast.get_docstring(ast.parse(init.read_text("utf-8"))) or "")
    package = init.parent.name
    used = {component(t) for m, targets in graph().items() if component(m) == package
            for t in targets} - {package}
    if may is not None:
        assert used <= may, f"{package} imports {sorted(used - may)}: not in its docstring"
        assert all(layer_of(c) < layer_of(package) for c in may), "a claim above its layer"
