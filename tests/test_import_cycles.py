"""No import cycles among openaccess's modules: a layer never reaches back up.

The imports are read from the source (``ast``), not by importing, so the test sees every
import a module can make:

* **function-level imports count.** They keep start-up fast (a one-file pre-commit run
  never loads what it does not use), but a module that imports another inside a function
  still depends on it: ``a`` importing ``b`` at the top and ``b`` importing ``a`` in a
  function is the same tangle, it only fails later and elsewhere. So a cycle through a
  lazy import fails this test too;
* **imports under ``if TYPE_CHECKING:`` do not count.** They are never executed and only
  name types for annotations, which may point anywhere;
* the rule registry imports its rule families by name (``importlib``); those imports are
  added from ``openaccess.rules.FAMILIES`` so they are checked like the others.

A cycle is reported as the chain of modules with the line of each import.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "openaccess"

Edge = tuple[str, int]  # (imported module, line of the import)


def module_name(path: Path) -> str:
    parts = ["openaccess", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement, outside ``if TYPE_CHECKING:`` blocks (their ``else`` counts)."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def edges(name: str, path: Path, known: dict[str, Path]) -> list[Edge]:
    """The openaccess modules ``name`` imports, each with the line of its import."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    result: list[Edge] = []
    for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # ``from a import b``: module a.b when it exists, else a name defined in a.
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base
                       for a in node.names]  # fmt: skip
        result += [(target, node.lineno) for target in targets if target in known]
    return [(target, line) for target, line in result if target != name]


def graph() -> dict[str, list[Edge]]:
    known = modules()
    imports = {name: edges(name, path, known) for name, path in known.items()}
    from openaccess.rules import FAMILIES

    imports["openaccess.rules"] += [(f"openaccess.rules.{family}", 0) for family in FAMILIES]
    return imports


def cycles(imports: dict[str, list[Edge]]) -> list[list[str]]:
    """One cycle per strongly connected group of modules (Tarjan), as a readable chain."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def connect(node: str) -> None:  # recursion depth is bounded by the module count
        index[node] = low[node] = len(index)
        stack.append(node)
        for target, _line in imports.get(node, []):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(imports):
        if node not in index:
            connect(node)
    return [_chain(group, imports) for group in groups]


def _chain(group: list[str], imports: dict[str, list[Edge]]) -> list[str]:
    """A shortest path around the cycle from its first module, with import lines."""
    members = set(group)
    start = group[0]
    paths: dict[str, list[str]] = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target, line in imports[node]:
            step = f"{target} (line {line} of {node})"
            if target == start:
                return [*paths[node], step]
            if target in members and target not in paths:
                paths[target] = [*paths[node], step]
                queue.append(target)
    return group


def test_the_analysis_sees_lazy_imports_and_skips_type_checking_ones():
    imports = graph()
    cli = {target for target, _ in imports["openaccess.cli"]}
    assert "openaccess.errors" in cli  # imported inside main()
    site = {target for target, _ in imports["openaccess.run.site"]}
    assert "openaccess.document" in site  # a function-level import
    facts = {target for target, _ in imports["openaccess.run.facts"]}
    assert "openaccess.run.site" not in facts  # only under TYPE_CHECKING


def test_the_analysis_finds_a_planted_cycle():
    imports = {name: list(targets) for name, targets in graph().items()}
    imports["openaccess.values"].append(("openaccess.check", 1))
    assert any("openaccess.values" in " ".join(chain) for chain in cycles(imports))


def test_no_import_cycles():
    found = cycles(graph())
    assert not found, "import cycles:\n" + "\n".join(" -> ".join(c) for c in found)
