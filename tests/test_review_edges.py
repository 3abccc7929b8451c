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


def test_two_style_folders_with_a_style_of_the_same_name_each_give_their_own(tmp_path: Path) -> None:
    from generator.core.registry import find_style

    body = (
        "from pathlib import Path\n"
        "from generator.core.style import Style\n"
        "class S(Style):\n"
        "    name = 'twin'\n"
        "    version = {version!r}\n"
        "    formatter = 'none'\n"
        "    templates = Path(__file__).parent\n"
        "    def render_package(self, api, spec, context):\n"
        "        return []\n"
        "STYLE = S()\n"
    )
    for version in ("1", "2"):
        (tmp_path / version / "twin").mkdir(parents=True)
        (tmp_path / version / "twin" / "__init__.py").write_text(body.format(version=version), encoding="utf-8")
    assert find_style("twin", [tmp_path / "1"]).version == "1"
    assert find_style("twin", [tmp_path / "2"]).version == "2"
