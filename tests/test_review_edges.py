"""Edges of user-written inputs: a .gitignore class git reads and Python's re does not, a final backslash in a
pattern, a names.yaml of the wrong shape. Each is read or refused with a located line, never an internal error."""

from __future__ import annotations

from pathlib import Path

from generator.diagnostics import Diagnostics
from generator.ignore import Ignore
from generator.names import read_names
from generator.patterns import classify


def test_gitignore_classes_python_cannot_compile_match_nothing_and_the_rest_still_apply() -> None:
    ignore = Ignore(["[!]x]", "[z-a]", "node_modules/"])
    assert ignore.matches("node_modules", folder=True)
    assert not ignore.matches("a", folder=False)


def test_a_final_backslash_is_an_unsupported_pattern_not_a_crash() -> None:
    assert classify("a\\").kind == "unsupported"


def test_names_yaml_sections_of_the_wrong_shape_are_located_errors(tmp_path: Path) -> None:
    (tmp_path / "names.yaml").write_text("operations: [a]\n", encoding="utf-8")
    diagnostics = Diagnostics()
    assert read_names(tmp_path, diagnostics) is None
    assert [d.code for d in diagnostics.errors] == ["E063"]
    assert "/operations" in diagnostics.errors[0].format()
