"""What a big document's run keeps in memory: no large structure outlives its step."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from generator.build import _encoded
from generator.core.style import RenderedFile
from generator.diagnostics import Diagnostics
from generator.pipeline import build_api
from generator.providers import load_provider
from generator.styles.python import imports, selfcheck
from generator.styles.python.selfcheck import MEMBER_SIZE, syntax_error

ROOT = Path(__file__).resolve().parents[1]


def _documents_alive() -> int:
    """Parsed API documents (a mapping with ``paths`` and its format's version, a string) still reachable.

    A meta-schema's ``properties`` has the same keys, with schemas as values: loaded once, it stays.
    """
    gc.collect()
    return sum(
        1
        for o in gc.get_objects()
        if isinstance(o, dict) and "paths" in o and isinstance(o.get("openapi", o.get("swagger")), str)
    )


@pytest.mark.parametrize("provider", ["getty", "topaz"])
def test_no_parsed_document_outlives_the_api_built_from_it(provider: str) -> None:
    before = _documents_alive()
    diagnostics = Diagnostics()
    found = load_provider(ROOT / "specs", provider, diagnostics)
    assert found is not None
    api = build_api(found.files, diagnostics=diagnostics)
    assert api is not None and api.operations
    assert _documents_alive() == before


def test_imports_are_found_in_the_module_as_rendered(monkeypatch: pytest.MonkeyPatch) -> None:
    """No copy of the module without its marker: a big module's copy is tens of megabytes."""
    source = f"{imports.MARKER}\n\n\ndef f(x: Mapping[str, int]) -> None:\n    pass\n"
    read: list[str] = []
    found = imports.used_names

    def used(text: str) -> set[str]:
        read.append(text)
        return found(text)

    monkeypatch.setattr(imports, "used_names", used)
    text = imports.resolve_imports(source, {})
    assert "from collections.abc import Mapping" in text
    assert read and all(r is source for r in read)


def _resource(members: int, *, head: str = '    """Calls."""', between: str = "") -> str:
    methods = "".join(
        f"\n\n    def call_{i}(self, x: int) -> int:\n        return x + {i}\n{between}" for i in range(members)
    )
    return f'"""Module."""\n\n\nclass Resource:\n{head}\n{methods}'


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of each text the self-check compiles, in order (an empty cache)."""
    sizes: list[int] = []
    monkeypatch.setattr(selfcheck, "_unproven", lambda entry: True)
    monkeypatch.setattr(selfcheck.cache, "put", lambda *args: None)

    def counted(source: str, filename: str, *args: Any, **kwargs: Any) -> Any:
        sizes.append(len(source))
        return compile(source, filename, *args, **kwargs)

    monkeypatch.setattr(selfcheck, "compile", counted, raising=False)
    return sizes


def test_a_big_class_is_compiled_member_by_member(compiled: list[int]) -> None:
    text = _resource(4 * MEMBER_SIZE // 60)
    assert len(text) > 2 * MEMBER_SIZE
    assert syntax_error(text, "m.py") is None
    assert max(compiled) < 200


@pytest.mark.parametrize(
    "text",
    [
        _resource(3000).replace("return x + 1500\n", "return x +\n"),
        _resource(3000, head='  """Calls."""'),  # members at four spaces in a body at two
        _resource(3000, head="  if x:\n      y = 1"),
        _resource(3000, between="y = 1\n"),  # a statement at the first column between members
        _resource(3000, between="if y:\n  z = 1\n"),
        _resource(3000, between="  \ry = 1\n"),  # a carriage return starts a line
        _resource(3000, between="  \fy = 1\n"),  # so does a form feed, at the first column
        _resource(3000, head="    def f(self):"),
        _resource(3000, head="    x = [1,"),
        _resource(3000, head='    """Calls.'),
        _resource(3000).replace("return x + 7", "return (x + 7", 1),
    ],
)
def test_a_class_cut_in_members_is_valid_only_as_a_whole(compiled: list[int], text: str) -> None:
    assert len(text) > MEMBER_SIZE
    with pytest.raises((SyntaxError, ValueError)) as whole:
        compile(text, "m.py", "exec", dont_inherit=True)
    found = syntax_error(text, "m.py")
    assert found is not None
    assert found[0] == getattr(whole.value, "lineno", None)


def _table(
    cases: int, *, before: str = "", element: str = "    Case(\n        {i},\n        name='c{i}',\n    ),\n"
) -> str:
    rows = "".join(element.format(i=i) for i in range(cases))
    return f'"""Module."""\n\n\nclass Case(NamedTuple):\n    n: int\n    name: str\n\n\n{before}CASES = [\n{rows}]\n'


def test_a_big_table_is_compiled_in_runs_of_elements(compiled: list[int]) -> None:
    text = _table(20_000)
    assert len(text) > 4 * MEMBER_SIZE
    assert syntax_error(text, "m.py") is None
    assert max(compiled) <= MEMBER_SIZE // 4 + 100


@pytest.mark.parametrize(
    "text",
    [
        _table(20_000, before='X = """\n') + '"""\n',  # the table is text inside a string
        _table(20_000, before='X = """\n', element="    '''{i}''',\n    '\"\"\"',\n") + '"""\n',
        _table(20_000, element="    Case({i}, 'c')  # a comment ends in a comma,\n"),
        _table(20_000, element="    Case({i}, 'c')\n    Case({i}, 'd'),\n"),
        _table(20_000).replace("name='c7000',", "name='c7000',)"),
        _table(20_000).replace("CASES = [\n", "CASES = f(\n"),
        _table(20_000).replace("CASES = [\n", "CASES = [[\n"),
        _table(20_000) + "]\n",
    ],
)
def test_a_table_cut_in_runs_is_valid_only_as_a_whole(compiled: list[int], text: str) -> None:
    assert len(text) > MEMBER_SIZE
    try:
        compile(text, "m.py", "exec", dont_inherit=True)
        line = None
    except SyntaxError as whole:
        line = whole.lineno
    found = syntax_error(text, "m.py")
    assert (found is None) == (line is None) and (found is None or found[0] == line)


def test_a_table_without_a_last_comma_is_still_valid(compiled: list[int]) -> None:
    assert syntax_error(_table(20_000).replace("    ),\n]", "    )\n]"), "m.py") is None


def test_each_rendered_text_is_let_go_of_when_its_bytes_are_made() -> None:
    rendered: list[RenderedFile] = []
    held: list[int] = []

    class Text(str):
        def encode(self, encoding: str = "utf-8", errors: str = "strict") -> bytes:
            held.append(len(rendered))
            return str(self).encode(encoding, errors)

    rendered += [
        RenderedFile(path="b.py", text=Text("b = 1\n")),
        RenderedFile(path="a/_custom.py", text=Text("é\n"), once=True),
        RenderedFile(path="a.py", text=Text("a = 1\n")),
    ]
    files, once = _encoded(rendered)
    assert list(files.items()) == [("b.py", b"b = 1\n"), ("a.py", b"a = 1\n")]
    assert once == {"a/_custom.py": "é\n".encode()}
    assert held == [2, 1, 0] and rendered == []


@pytest.mark.parametrize(
    "text",
    [
        "".join(f"\n\ndef f{i}(x: int) -> int:\n    return x + {i}\n" for i in range(40_000)),
        _resource(40_000),  # one class: its members
    ],
)
def test_a_module_is_cut_into_parts_one_at_a_time(text: str) -> None:
    """Its parts all made at once, or a big class's text copied to be cut, would be a second copy of it."""
    tracemalloc.start()
    try:
        parts = sum(1 for _ in selfcheck._pieces(text))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert parts >= 40_000
    assert peak < len(text) // 4


def test_a_run_of_elements_is_not_cut_after_a_comment_ending_in_a_comma(compiled: list[int]) -> None:
    """Cut there, ``2 +  # ...,`` followed by ``0`` would compile, and so would a run starting ``not a,``."""
    before_cut = (MEMBER_SIZE // 4) // len("    x,\n") - 1
    rows = "    x,\n" * before_cut + "    2 +  # a comment ending in a comma,\n    not a,\n" + "    x,\n" * 15_000
    text = f'"""Module."""\n\n\nCASES = [\n{rows}]\n'
    assert syntax_error(text, "m.py") == (before_cut + 6, "invalid syntax")
