"""The import block of a generated Python module, computed from the names its code uses."""

from __future__ import annotations

import keyword
import random
import re
from pathlib import Path
from re import _constants as re_constants  # type: ignore[attr-defined]
from re import _parser as re_parser  # type: ignore[attr-defined]

from generator.styles.python import imports
from generator.styles.python.imports import MARKER, resolve_imports, used_names


def _module(body: str) -> str:
    return f"{MARKER}\n\n\n{body}"


def test_a_cast_type_string_needs_its_imports() -> None:
    source = _module('def f(x: object) -> object:\n    return cast(\n        "datetime.date | int", x\n    )\n')
    assert "import datetime\nfrom typing import cast" in resolve_imports(source, {})


def test_a_cast_in_prose_or_a_plain_string_imports_nothing() -> None:
    source = _module('def f() -> str:\n    """Call cast("os.path", x)."""  # cast("Path", y)\n    return "datetime"\n')
    block = resolve_imports(source, {}).split("\n\n\ndef")[0]
    assert block == "from __future__ import annotations"


_REFERENCE_STRING_OR_COMMENT = re.compile(
    r"""[rRbBuU]{0,2}(?:'''[\s\S]*?'''|\"\"\"[\s\S]*?\"\"\"|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*")|#[^\n]*"""
)
_REFERENCE_F_STRING = re.compile(
    r"""\b[fF][rR]?(?:'''[\s\S]*?'''|\"\"\"[\s\S]*?\"\"\"|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*")"""
)
_REFERENCE_CAST = re.compile(r"""\bcast\(\s*(?:"((?:\\.|[^"\\\n])*)"|'((?:\\.|[^'\\\n])*)')""")
_REFERENCE_IDENTIFIER = re.compile(r"\b[A-Za-z_][A-Za-z0-9_]*")


def _reference_used_names(source: str) -> set[str]:
    """The same names, found by one ``\\b``-anchored pattern each (correct, and tried at every position: slow)."""
    names = set(_REFERENCE_IDENTIFIER.findall(" ".join(_REFERENCE_F_STRING.findall(source))))
    spans = [m.span() for m in _REFERENCE_STRING_OR_COMMENT.finditer(source)]
    for cast in _REFERENCE_CAST.finditer(source):
        if not any(start <= cast.start() < end for start, end in spans):
            names.update(_REFERENCE_IDENTIFIER.findall(cast.group(1) or cast.group(2) or ""))
    names.update(_REFERENCE_IDENTIFIER.findall(_REFERENCE_STRING_OR_COMMENT.sub(" ", source)))
    return {n for n in names if not keyword.iskeyword(n)}


_PIECES = (
    *("a", "b", "r", "u", "f", "F", "rb", "Br", "x1", "_", "é", "1", "2e5", "0x1F", "cast", "cast(", "Path", "os"),
    *(" ", "\n", ".", "(", ")", "#", "'", '"', "'''", '"""', "\\", "\\'", '\\"', "f'", 'f"', "rf'", "xf'"),
    *('cast("datetime.date | Path", v)', "cast('os | x', v)", 'b"httpx"', "# Any\n", 'f"{quote(x)}"'),
)


def test_the_names_found_are_those_of_word_anchored_patterns() -> None:
    """Prefixed strings, strings right after a word, f-strings inside words, casts in strings, Unicode words."""
    rng = random.Random(20261206)
    for _ in range(3000):
        source = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 30)))
        assert used_names(source) == _reference_used_names(source), source


def test_the_names_of_every_committed_python_module_are_unchanged() -> None:
    modules = sorted(Path("generated/python").glob("*/**/*.py"))
    assert modules
    for module in modules:
        source = module.read_text(encoding="utf-8")
        assert used_names(source) == _reference_used_names(source), module


def test_strings_and_comments_are_searched_at_c_speed() -> None:
    """Each alternative starts with a fixed character, so the engine jumps from one to the next: an optional
    prefix (``[rRbBuU]{0,2}``) first made it try every position of a module of megabytes."""
    tree = re_parser.parse(imports._STRING_OR_COMMENT.pattern)
    operation, argument = tree.data[0]
    assert len(tree.data) == 1 and operation is re_constants.BRANCH
    assert {str(alternative.data[0][0]) for alternative in argument[1]} == {"LITERAL"}
