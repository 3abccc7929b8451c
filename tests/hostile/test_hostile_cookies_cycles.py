"""Cookie parameters and required cycles, end to end in both styles, each step a bounded child.

One document has an operation with cookie parameters (one whose value needs
percent-encoding, an enum, an array, and one whose name is no RFC 6265 token) next to a
cookie-located API key, and models whose required properties form a cycle (A -> B -> C
-> A) beside a model whose cycles an empty array, a null and an optional property break.
Each style's package is generated, type-checked and runs its own generated tests; then
a driver calls the operation against a loopback server, which must see one ``Cookie``
header with the parameters first and the API key last.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.core.cookies import cookie_header, cookie_value
from hostile.harness import ROOT, STYLES, Outcome, generator, run_bounded

sys.path.insert(0, str(ROOT / "tests" / "flows"))
sys.path.insert(0, str(ROOT / "tests" / "typescript"))
from flow_support import FlowServer, json_reply
from ts_support import compile_package, node_missing

SPEC = """\
openapi: 3.1.0
info: {title: Crumbs, version: "1"}
servers: [{url: "https://api.example.test"}]
security: [{session: []}]
paths:
  /items/{id}:
    get:
      operationId: getItem
      tags: [items]
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: session_id, in: cookie, required: true, schema: {type: string, example: "a b;c%d\\u00e9"}}
        - {name: theme, in: cookie, schema: {type: string, enum: [dark, light]}}
        - {name: flags, in: cookie, schema: {type: array, items: {type: integer}}}
        - {name: "bad name", in: cookie, schema: {type: string}}
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}
  /rings:
    get:
      operationId: getRing
      tags: [rings]
      responses:
        "200":
          description: a cycle of required models
          content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}
  /chains:
    get:
      operationId: getChain
      tags: [rings]
      responses:
        "200":
          description: cycles broken by an empty array, a null and an optional property
          content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}
components:
  securitySchemes:
    session: {type: apiKey, in: cookie, name: token}
  schemas:
    Item: {type: object, required: [name], properties: {name: {type: string}}}
    A: {type: object, required: [b], properties: {b: {$ref: '#/components/schemas/B'}}}
    B: {type: object, required: [c], properties: {c: {$ref: '#/components/schemas/C'}}}
    C: {type: object, required: [a], properties: {a: {$ref: '#/components/schemas/A'}}}
    Node:
      type: object
      required: [children, parent, label]
      properties:
        label: {type: string}
        children: {type: array, items: {$ref: '#/components/schemas/Node'}}
        parent: {anyOf: [{$ref: '#/components/schemas/Node'}, {type: 'null'}]}
        next: {$ref: '#/components/schemas/Node'}
"""

PY_DRIVER = """
import sys
from crumbs import Crumbs
with Crumbs(base_url=sys.argv[1], api_key="k=1") as client:
    print(client.items.get_item("7", session_id="a b;c%d\\u00e9", theme="dark", flags=[1, 2]).name)
"""

TS_DRIVER = """
const { Crumbs } = await import(process.env.CRUMBS_INDEX);
const client = new Crumbs({ baseUrl: process.argv[2], apiKey: "k=1" });
const item = await client.items.getItem("7", { sessionId: "a b;c%d\\u00e9", theme: "dark", flags: [1, 2] });
console.log(item.name);
"""

SENT = "session_id=a%20b%3Bc%25d%C3%A9; theme=dark; flags=1%2C2; token=k=1"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, Outcome]]]:
    root = tmp_path_factory.mktemp("cookies-cycles")
    (root / "spec.yaml").write_text(SPEC, encoding="utf-8")
    outcomes = {}
    for style in STYLES:
        outcomes[style] = generator(
            "generate",
            "--spec",
            str(root / "spec.yaml"),
            "--name",
            "crumbs",
            "--out",
            str(root / style),
            "--style",
            style,
        )
    yield root, outcomes


def _checked(outcome: Outcome) -> Outcome:
    outcome.check_bounds()
    assert outcome.returncode == 0, (outcome.stdout + outcome.stderr)[-3000:]
    return outcome


@pytest.mark.parametrize("style", STYLES)
def test_warnings_name_the_unsendable_cookie_and_the_cycle(made: tuple[Path, dict[str, Outcome]], style: str) -> None:
    outcome = _checked(made[1][style])
    assert "parameters/4: warning[W012]: cookie parameter 'bad name' is not an RFC 6265 token" in outcome.stderr
    assert outcome.stderr.count("warning[W013]") == 1
    assert "#/components/schemas/A: warning[W013]: required properties of 'A', 'B', 'C'" in outcome.stderr


@pytest.mark.parametrize("style", STYLES)
def test_generated_tests_pass_and_type_check(made: tuple[Path, dict[str, Outcome]], style: str) -> None:
    root, outcomes = made
    _checked(outcomes[style])
    out = root / style
    if style == "python":
        _checked(run_bounded([sys.executable, "-m", "mypy", "--strict", str(out / "crumbs")]))
        tests = _checked(
            run_bounded([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(out)], cwd=out)
        )
        assert " passed" in tests.stdout and "failed" not in tests.stdout
        code = "\n".join(p.read_text(encoding="utf-8") for p in (out / "tests").glob("test_*.py"))
        assert "session_id=a%20b%3Bc%25d%C3%A9; theme=dark; flags=1; token=test-api-key" in code
        assert "get_chain" in code and "get_ring" not in code  # the cycle's tests are left out, the broken one kept
    else:
        missing = node_missing()
        if missing:
            pytest.skip(missing)
        compiled = compile_package(out, root / "ts-build")
        assert compiled.returncode == 0, compiled.output
        tests = _checked(run_bounded(["node", "--test", *map(str, compiled.test_files)]))
        assert "# fail 0" in tests.stdout
        code = (out / "test" / "rings.test.ts").read_text(encoding="utf-8")
        assert "getChain" in code and "getRing" not in code


@pytest.mark.parametrize("style", STYLES)
def test_the_cookie_header_arrives(made: tuple[Path, dict[str, Outcome]], style: str) -> None:
    root, outcomes = made
    _checked(outcomes[style])
    with FlowServer() as server:
        server.route("GET", "/items/7", json_reply({"name": "seven"}))
        if style == "python":
            (root / "driver.py").write_text(PY_DRIVER, encoding="utf-8")
            ran = run_bounded(
                [sys.executable, str(root / "driver.py"), server.url], env={"PYTHONPATH": str(root / style)}
            )
        else:
            missing = node_missing()
            if missing:
                pytest.skip(missing)
            compiled = compile_package(root / style, root / f"ts-drive-{style}")
            assert compiled.returncode == 0, compiled.output
            (root / "driver.mjs").write_text(TS_DRIVER, encoding="utf-8")
            ran = run_bounded(
                ["node", str(root / "driver.mjs"), server.url], env={"CRUMBS_INDEX": compiled.index.as_uri()}
            )
        assert _checked(ran).stdout.strip() == "seven"
        [seen] = server.seen("/items/7")
    assert seen.headers["cookie"] == SENT


def test_cookie_values_are_encoded_where_rfc_6265_needs_it() -> None:
    assert cookie_value("abc-123_.!~*'()/:", str) == "abc-123_.!~*'()/:"
    assert cookie_value('a b;c,d"e\\f%g\u00e9\U0001f600', str) == "a%20b%3Bc%2Cd%22e%5Cf%25g%C3%A9%F0%9F%98%80"
    assert cookie_value([1, 2], str) == "1%2C2"  # a comma is no cookie-octet
    assert cookie_header([("a", None), ("b", "x")], str) == "b=x"
    assert cookie_header([("a", None)], str) is None
    assert json.dumps(cookie_value("\x00\x7f", str)) == '"%00%7F"'
