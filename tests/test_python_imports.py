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


def test_import_blocks_are_in_the_order_ruffs_isort_rule_wants(tmp_path: Path) -> None:
    """Modules and the names they give in natural order without regard to case, names by type first: ``v2``
    before ``v10``, ``PermissionDeniedError`` before ``PLogoraisrJson`` (a plain sort failed I001 on both)."""
    import subprocess
    import sys

    rng = random.Random(7)
    pieces = ["p", "P", "log", "Perm", "v", "V", "_", "a", "B", "item", "Item", "ID", "x"]

    def word(first: str) -> str:
        return first + "".join(rng.choice([*pieces, str(rng.randint(0, 120))]) for _ in range(rng.randint(1, 4)))

    local: dict[str, list[str]] = {}
    for _ in range(60):
        names = [word(rng.choice("PpIiV")) for _ in range(6)]
        local["." + word("m").lower()] = [n for n in dict.fromkeys(names) if not keyword.iskeyword(n)]
    body = "".join(f"_{i} = {name}\n" for i, name in enumerate(n for names in local.values() for n in names))
    block = resolve_imports(_module(body), local).split("\n\n\n_0")[0]
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text(block + "\n", encoding="utf-8")
    ruff = Path(sys.executable).with_name("ruff")
    argv = [str(ruff), "check", "--no-cache", "--isolated", "--line-length", "120", "--select", "I", "--diff"]
    ran = subprocess.run([*argv, str(tmp_path / "pkg")], capture_output=True, text=True, check=False)
    assert block.count("from .") == len(local) and ran.returncode == 0, ran.stdout[-3000:]


def test_a_package_whose_tags_sort_apart_from_their_order_passes_ruff(tmp_path: Path) -> None:
    """``resources/__init__.py`` imports one module per tag: in ruff's order, not the document's (azure.com
    containerregistry's tags made an I001), and ``__all__`` as RUF022 wants it."""
    import subprocess
    import sys

    tags = ["V10", "v2", "Acr Repository", "Acr Manifest", "layer", "Permission", "PLogo"]
    paths = "".join(
        f"  /t{i}:\n    get:\n      operationId: get{i}\n      tags: [{tag!r}]\n"
        "      responses:\n        '204': {description: done}\n"
        for i, tag in enumerate(tags)
    )
    spec = tmp_path / "api.yaml"
    spec.write_text(f"openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n{paths}", encoding="utf-8")
    out = tmp_path / "out"
    argv = ["generate", "--spec", str(spec), "--name", "tagged", "--out", str(out), "--style", "python", "-q"]
    env = {"GENERATOR_NO_CACHE": "1", "PATH": "/usr/bin:/bin"}
    made = subprocess.run([sys.executable, "-m", "generator", *argv], capture_output=True, text=True, env=env)
    assert made.returncode == 0, made.stderr
    ruff = Path(sys.executable).with_name("ruff")
    ran = subprocess.run([str(ruff), "check", "--no-cache", "."], cwd=out, capture_output=True, text=True)
    assert ran.returncode == 0, ran.stdout[-3000:]
