"""The import block of a generated Python module, computed from the names its code uses."""

from __future__ import annotations

from generator.styles.python.imports import MARKER, resolve_imports


def _module(body: str) -> str:
    return f"{MARKER}\n\n\n{body}"


def test_a_cast_type_string_needs_its_imports() -> None:
    source = _module('def f(x: object) -> object:\n    return cast(\n        "datetime.date | int", x\n    )\n')
    assert "import datetime\nfrom typing import cast" in resolve_imports(source, {})


def test_a_cast_in_prose_or_a_plain_string_imports_nothing() -> None:
    source = _module('def f() -> str:\n    """Call cast("os.path", x)."""  # cast("Path", y)\n    return "datetime"\n')
    block = resolve_imports(source, {}).split("\n\n\ndef")[0]
    assert block == "from __future__ import annotations"
