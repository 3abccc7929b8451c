"""The self-check's proof of a module compiled in pieces holds where the pieces meet.

A big table is proven in runs of elements; each run but the last ends in a comma by how it is cut, and is
compiled followed by ``0``. Followed by ``0``, a last element cut short (``2 +``, ``not``, ``*``,
``a if b else``) would be completed into a valid one, and a module that does not compile would be passed. A
``global`` or ``nonlocal`` statement is checked against its whole scope, which no piece alone holds.
"""

from __future__ import annotations

from typing import Any

import pytest

from generator.styles.python import selfcheck
from generator.styles.python.selfcheck import MEMBER_SIZE, syntax_error


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of each text the self-check compiles (nothing taken from a cache)."""
    sizes: list[int] = []
    monkeypatch.setattr(selfcheck, "_unproven", lambda entry: True)
    monkeypatch.setattr(selfcheck.cache, "put", lambda *args: None)

    def counted(source: str, filename: str, *args: Any, **kwargs: Any) -> Any:
        sizes.append(len(source))
        return compile(source, filename, *args, **kwargs)

    monkeypatch.setattr(selfcheck, "compile", counted, raising=False)
    return sizes


def _table(last: str) -> str:
    rows = "".join(f"    Case({i}, name='c{i}'),\n" for i in range(10_000))
    return f'"""Module."""\n\n\nclass Case(NamedTuple):\n    n: int\n    name: str\n\n\nCASES = [\n{rows}{last}]\n'


def _whole_error_line(text: str) -> int | None:
    try:
        compile(text, "m.py", "exec", dont_inherit=True)
    except SyntaxError as error:
        return error.lineno
    return None


@pytest.mark.parametrize(
    "last", ["    Case(1) +\n", "    not\n", "    *\n", "    Case(1) if x else\n", "    -\n", "    lambda:\n"]
)
def test_a_last_element_cut_short_is_an_error(compiled: list[int], last: str) -> None:
    text = _table(last)
    assert len(text) > 2 * MEMBER_SIZE
    line = _whole_error_line(text)
    assert line is not None
    assert syntax_error(text, "m.py") == (line, "invalid syntax")


@pytest.mark.parametrize(
    "last", ["", "    Case(1)\n", "    Case(1),\n", "    # the end\n", "    Case(1),  # the end\n"]
)
def test_a_whole_last_element_is_still_proven_in_runs(compiled: list[int], last: str) -> None:
    text = _table(last)
    assert _whole_error_line(text) is None
    assert syntax_error(text, "m.py") is None
    assert max(compiled) <= MEMBER_SIZE // 4 + 100


_MEMBERS = "".join(f"\n\n    def call_{i}(self) -> int:\n        return {i}\n" for i in range(8_000))


@pytest.mark.parametrize(
    "text",
    [
        f"class Resource:\n    x = 1\n{_MEMBERS}\n    global x\n",  # assigned in one piece, declared in another
        f"class Resource:\n    x: int = 1\n{_MEMBERS}\n    global x\n",  # annotated in another piece
        "print(x)\n" + "".join(f"\n\ndef call_{i}() -> int:\n    return {i}\n" for i in range(8_000)) + "global x\n",
    ],
)
def test_a_declaration_is_checked_against_its_whole_scope(compiled: list[int], text: str) -> None:
    assert len(text) > 2 * MEMBER_SIZE
    line = _whole_error_line(text)
    assert line is not None
    found = syntax_error(text, "m.py")
    assert found is not None and found[0] == line
