"""Formatting in pieces gives exactly the bytes black gives for the whole module."""

from __future__ import annotations

from pathlib import Path

import black
import pytest

from generator import formatting
from generator.diagnostics import Diagnostics
from generator.pipeline import build_api
from generator.providers import load_provider
from generator.styles import PackageSpec, load_style

ROOT = Path(__file__).resolve().parents[1]
MODE = black.Mode(line_length=formatting.LINE_LENGTH, target_versions={black.mode.TargetVersion.PY311})

TRICKY = '''"""Module docstring.

class NotAClass:
    this line sits inside the docstring

def not_a_function(): pass
"""
import os
x = {'a':1}
# a comment before a class

class A:
    """Docstring.

@not_a_decorator
"""
    y = 'single'



@decorator
def f(a,b):   return a+b
s = """
def inside(): pass
"""

async def g(): pass
def h(): pass
'''


@pytest.fixture(autouse=True)
def _empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENERATOR_CACHE_DIR", str(tmp_path / "cache"))


def rendered_modules(provider: str) -> list[tuple[str, str]]:
    diagnostics = Diagnostics()
    found = load_provider(ROOT / "specs", provider, diagnostics)
    assert found is not None
    api = build_api(found.documents, found.overlays, diagnostics=diagnostics)
    assert api is not None
    style = load_style("python")
    assert style is not None
    spec = PackageSpec(package=found.package, title=None, base_url=None, env_prefix="X", header="header")
    return [(f.path, f.text) for f in style.render_package(api, spec, diagnostics) if f.python and not f.verbatim]


def test_pieces_never_cut_inside_a_string() -> None:
    parts = formatting.pieces(TRICKY)
    assert "".join(parts) == TRICKY
    firsts = [p.splitlines()[0] for p in parts]
    assert firsts == ['"""Module docstring.', "class A:", "@decorator", "async def g(): pass"]


def test_tricky_module_formats_as_a_whole() -> None:
    assert formatting.format_modules([("tricky.py", TRICKY)]) == [black.format_str(TRICKY, mode=MODE)]


@pytest.mark.parametrize("provider", ["getty", "scenario"])
def test_generated_modules_format_as_a_whole(provider: str) -> None:
    modules = rendered_modules(provider)
    assert sum(len(formatting.pieces(source)) for _, source in modules) > len(modules)
    assert formatting.format_modules(modules) == [black.format_str(source, mode=MODE) for _, source in modules]


def test_parallel_formatting_gives_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    modules = rendered_modules("topaz")
    sequential = formatting.format_modules(modules)
    monkeypatch.setenv("GENERATOR_CACHE_DIR", str(Path(str(formatting.cache.cache_dir())) / "second"))
    monkeypatch.setattr(formatting, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(formatting.os, "cpu_count", lambda: 2)
    assert formatting.format_modules(modules) == sequential


def test_the_second_run_comes_from_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    modules = rendered_modules("topaz")
    first = formatting.format_modules(modules)

    def no_black(source: str) -> tuple[bool, str]:
        raise AssertionError("black ran on a cached piece")

    monkeypatch.setattr(formatting, "_black", no_black)
    assert formatting.format_modules(modules) == first


def test_code_that_does_not_parse_is_a_render_error() -> None:
    with pytest.raises(formatting.FormatError, match=r"broken\.py: generated code does not parse"):
        formatting.format_modules([("fine.py", "x = 1\n"), ("broken.py", "def f(:\n")])
