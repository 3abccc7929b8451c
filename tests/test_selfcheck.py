"""The Python self-check: pieces compiled alone agree with the whole text."""

from __future__ import annotations

import pytest

from generator.styles.python.selfcheck import syntax_error

VALID = '''"""Module."""

from __future__ import annotations

X = (
    1,
)


@decorator
def f() -> None:
    pass


class A:
    s = """

class not a class
"""


async def g() -> None:
    pass
'''


def test_valid_python_with_cuts_inside_strings_passes() -> None:
    assert syntax_error(VALID, "m.py") is None


@pytest.mark.parametrize(
    ("broken", "line"),
    [
        (VALID.replace("    pass\n\n\nclass A:", "    pass(\n\n\nclass A:"), 12),
        (VALID + "\n\ndef h(:\n    pass\n", 26),
        (VALID.replace("X = (", "X = ((", 1), None),
    ],
)
def test_a_syntax_error_anywhere_is_found_with_its_line(broken: str, line: int | None) -> None:
    found = syntax_error(broken, "m.py")
    assert found is not None
    if line is not None:
        assert found[0] == line


def test_nul_is_reported() -> None:
    assert syntax_error("x = 1\n\x00\n", "m.py") is not None
