"""The generator's modules import each other without a circle, and the layers point one way.

Every import counts, also one inside a function or under ``TYPE_CHECKING``: a circle
hidden that way still means two modules that cannot be understood (or moved) apart.
``generator/core`` is what every style builds on, so it imports nothing from
``generator/styles``; a style does not import another style.
"""

from __future__ import annotations

import ast
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent.parent / "generator"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(GENERATOR.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The generator modules ``path`` imports (anywhere in it), relative imports resolved."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            # ``from . import x`` may name a module; ``from .m import f`` names the module m
            named = [f"{prefix}.{alias.name}" for alias in node.names]
            targets = [t for t in named if t in modules]
            if len(targets) < len(named):
                targets.append(prefix)
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph(root: Path = GENERATOR) -> dict[str, set[str]]:
    paths = [p for p in sorted(root.rglob("*.py")) if "__pycache__" not in p.parts]
    modules = {module_name(p) for p in paths}
    return {module_name(p): imports_of(p, modules) for p in paths}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def is_package_of(package: str, module: str) -> bool:
    return module == package or module.startswith(package + ".")


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    """Imports that go the wrong way: core -> styles, one built-in style -> another."""
    wrong = []
    for module, targets in sorted(graph.items()):
        for target in sorted(targets):
            if is_package_of("generator.core", module) and is_package_of("generator.styles", target):
                wrong.append(f"{module} -> {target}")
            for style, other in (("typescript", "python"), ("python", "typescript")):
                if is_package_of(f"generator.styles.{style}", module) and is_package_of(
                    f"generator.styles.{other}", target
                ):
                    wrong.append(f"{module} -> {target}")
    return wrong


def test_no_module_of_the_generator_is_in_an_import_circle() -> None:
    found = cycles(import_graph())
    assert found == [], "import circles:\n" + "\n".join(" <-> ".join(c) for c in found)


def test_core_imports_no_style_and_no_style_imports_another() -> None:
    wrong = layer_violations(import_graph())
    assert wrong == [], "imports against the layers:\n" + "\n".join(wrong)


def test_the_check_finds_a_circle_hidden_in_a_function_and_under_type_checking(tmp_path: Path) -> None:
    root = tmp_path / "generator"
    (root / "core").mkdir(parents=True)
    (root / "styles" / "python").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "a.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .b import B\n")
    (root / "b.py").write_text("def f():\n    from . import a\n")
    (root / "core" / "__init__.py").write_text("")
    (root / "core" / "c.py").write_text("from ..styles.python import x\n")
    (root / "styles" / "__init__.py").write_text("")
    (root / "styles" / "python" / "__init__.py").write_text("")
    (root / "styles" / "python" / "x.py").write_text("")
    global GENERATOR
    saved, GENERATOR = GENERATOR, root
    try:
        graph = import_graph(root)
    finally:
        GENERATOR = saved
    assert cycles(graph) == [["generator.a", "generator.b"]]
    assert layer_violations(graph) == ["generator.core.c -> generator.styles.python.x"]
