"""Path and header parameters on the wire, alike in every style.

OpenAPI's path styles (``simple``, the default, ``label`` and ``matrix``, each with and without
``explode``) and the ``simple`` style of headers are one rule in the core (``core.query``), which
the generated tests expect, and one helper in each runtime. A minimal document with list and object
path parameters in each style and a list header is generated in the three styles: its generated
tests run, and each client sends real requests to a loopback server that records what arrives.
Header parameters the HTTP layer writes (``Content-Length``, ``Host``, ...) and those OpenAPI
ignores (``Accept``, ``Content-Type``, ``Authorization``) are no argument, with one ``W001`` each.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from flows.flow_support import FlowServer, json_reply
from go.go_support import go_env
from hostile import harness

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # ``sweep`` is a folder of the repository, not an installed package

from generator.core.query import json_scalar_text, path_text, simple_text  # noqa: E402
from generator.diagnostics import Diagnostics  # noqa: E402
from generator.pipeline import build_api  # noqa: E402
from sweep import checks  # noqa: E402

SECONDS = 300.0
STYLES = ("python", "typescript", "go")
TSC = ROOT / "node_modules" / ".bin" / "tsc"

SPEC = """
openapi: 3.0.3
info: {title: Styles, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /simple/{ids}/{obj}/{flat}:
    get:
      operationId: getSimple
      parameters:
        - {name: ids, in: path, required: true, schema: {type: array, items: {type: integer}, example: [1, 2, 3]}}
        - {name: obj, in: path, required: true, schema: {$ref: "#/components/schemas/Pair"}}
        - {name: flat, in: path, required: true, explode: true, schema: {$ref: "#/components/schemas/Pair"}}
        - {name: x-tags, in: header, schema: {type: array, items: {type: string}, example: [a, b]}}
        - {$ref: "#/components/parameters/Length"}
        - {name: Host, in: header, schema: {type: string}}
        - {name: Transfer-Encoding, in: header, schema: {type: string}}
        - {name: Connection, in: header, schema: {type: string}}
        - {name: Accept, in: header, schema: {type: string}}
        - {name: Content-Type, in: header, schema: {type: string}}
        - {name: Authorization, in: header, schema: {type: string}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
  /label/{ids}/{many}/{pair}:
    get:
      operationId: getLabel
      parameters:
        - {name: ids, in: path, required: true, style: label, schema: {type: array, items: {type: string}}}
        - name: many
          in: path
          required: true
          style: label
          explode: true
          schema: {type: array, items: {type: integer}, example: [4, 5]}
        - name: pair
          in: path
          required: true
          style: label
          explode: true
          schema: {$ref: "#/components/schemas/Pair"}
        - {name: x-filter, in: header, explode: true, schema: {$ref: "#/components/schemas/Pair"}}
        - {$ref: "#/components/parameters/Length"}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
  /matrix/{ids}/{many}/{pair}/{one}:
    get:
      operationId: getMatrix
      parameters:
        - {name: ids, in: path, required: true, style: matrix, schema: {type: array, items: {type: integer}}}
        - name: many
          in: path
          required: true
          style: matrix
          explode: true
          schema: {type: array, items: {type: integer}}
        - {name: pair, in: path, required: true, style: matrix, schema: {$ref: "#/components/schemas/Pair"}}
        - {name: one, in: path, required: true, style: matrix, schema: {type: string, example: x/y}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
components:
  parameters:
    Length: {name: Content-Length, in: header, schema: {type: integer}}
  schemas:
    Pair:
      type: object
      required: [role, level]
      properties:
        role: {type: string, example: "ad min"}
        level: {type: integer, example: 7}
"""

SWAGGER = """
swagger: "2.0"
info: {title: Old, version: "1"}
host: api.example.test
paths:
  /items:
    get:
      operationId: listItems
      parameters:
        - {name: Content-Length, in: header, type: integer}
        - {name: Host, in: header, type: string}
        - {name: x-trace, in: header, type: string}
      responses:
        "200": {description: ok, schema: {type: object}}
"""

SKIPPED = ("Content-Length", "Host", "Transfer-Encoding", "Connection", "Accept", "Content-Type", "Authorization")

SENT = [
    "/simple/1,2,3/role,ad%20min,level,7/role=ad%20min,level=7",
    "/simple/1,2,3/role,ad%20min,level,7/role=ad%20min,level=7",
    "/label/.a%20b,c%2Cd/.4.5/.role=ad%20min.level=7",
    "/matrix/;ids=1,2/;many=3;many=4/;pair=role,ad%20min,level,7/;one=x%2Fy%3B",
]
"""What the drivers below send, in turn (the second call with an empty list for the header)."""

PYTHON_DRIVER = """
import sys
sys.path.insert(0, sys.argv[1])
import styles
from styles.models import Pair

pair = Pair(role="ad min", level=7)
with styles.Styles(base_url=sys.argv[2], timeout=10) as client:
    client.default.get_simple([1, 2, 3], pair, pair, x_tags=["a", "b c"])
    client.default.get_simple([1, 2, 3], pair, pair, x_tags=[])
    client.default.get_label(["a b", "c,d"], [4, 5], pair, x_filter=pair)
    client.default.get_matrix([1, 2], [3, 4], pair, "x/y;")
"""

TYPESCRIPT_DRIVER = """
const [index, api] = process.argv.slice(2);
const styles = await import(new URL(`file://${index}`).href);
const client = new styles.Styles({ baseUrl: api, timeoutMs: 10_000 });
const pair = { role: "ad min", level: 7 };
await client.default_.getSimple([1, 2, 3], pair, pair, { xTags: ["a", "b c"] });
await client.default_.getSimple([1, 2, 3], pair, pair, { xTags: [] });
await client.default_.getLabel(["a b", "c,d"], [4, 5], pair, { xFilter: pair });
await client.default_.getMatrix([1, 2], [3, 4], pair, "x/y;");
"""

GO_DRIVER = """
package main

import (
	"context"
	"os"

	"styles"
)

func main() {
	client, err := styles.New(styles.WithBaseURL(os.Args[1]))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	pair := &styles.Pair{Role: "ad min", Level: 7}
	d, label := client.Default, &styles.GetLabelParams{XFilter: pair}
	tags, none := &styles.GetSimpleParams{XTags: []string{"a", "b c"}}, &styles.GetSimpleParams{XTags: []string{}}
	calls := []func() error{
		func() error { _, err := d.GetSimple(ctx, []int64{1, 2, 3}, pair, pair, tags); return err },
		func() error { _, err := d.GetSimple(ctx, []int64{1, 2, 3}, pair, pair, none); return err },
		func() error { _, err := d.GetLabel(ctx, []string{"a b", "c,d"}, []int64{4, 5}, pair, label); return err },
		func() error { _, err := d.GetMatrix(ctx, []int64{1, 2}, []int64{3, 4}, pair, "x/y;"); return err },
	}
	for _, call := range calls {
		if err := call(); err != nil {
			panic(err)
		}
	}
}
"""


# ---------------------------------------------------------------------------- the core's rule


COLOR = ["blue", "black", "brown"]
RGB = {"R": 100, "G": 200, "B": 150}


@pytest.mark.parametrize(
    ("value", "style", "explode", "expected"),
    [
        ("blue", "simple", False, "blue"),
        (COLOR, "simple", False, "blue,black,brown"),
        (COLOR, "simple", True, "blue,black,brown"),
        (RGB, "simple", False, "R,100,G,200,B,150"),
        (RGB, "simple", True, "R=100,G=200,B=150"),
        ("blue", "label", False, ".blue"),
        (COLOR, "label", False, ".blue,black,brown"),
        (COLOR, "label", True, ".blue.black.brown"),
        (RGB, "label", False, ".R,100,G,200,B,150"),
        (RGB, "label", True, ".R=100.G=200.B=150"),
        ([], "label", False, "."),
        ("blue", "matrix", False, ";color=blue"),
        (COLOR, "matrix", False, ";color=blue,black,brown"),
        (COLOR, "matrix", True, ";color=blue;color=black;color=brown"),
        (RGB, "matrix", False, ";color=R,100,G,200,B,150"),
        (RGB, "matrix", True, ";R=100;G=200;B=150"),
        ([], "matrix", False, ";color"),
        (["a b", "c,d"], "simple", False, "a%20b,c%2Cd"),
    ],
)
def test_path_text_follows_rfc_6570(value: object, style: str, explode: bool, expected: str) -> None:
    """RFC 6570's expansions, which OpenAPI's styles name (``{id}``, ``{.id}``, ``{;id}``, ``*`` for explode)."""
    text = path_text("color", value, style, explode, text=json_scalar_text, escape=lambda t: quote(t, safe=""))
    assert text == expected


def test_a_header_is_the_simple_style_and_an_empty_list_no_header() -> None:
    assert simple_text(COLOR, False, text=json_scalar_text) == "blue,black,brown"
    assert simple_text(RGB, True, text=json_scalar_text) == "R=100,G=200,B=150"
    assert simple_text(True, False, text=json_scalar_text) == "true"
    assert simple_text([], False, text=json_scalar_text) is None
    assert simple_text({}, True, text=json_scalar_text) is None


# ---------------------------------------------------------------------------- skipped headers


def _load(tmp_path: Path, text: str) -> tuple[dict[str, list[str]], list[str]]:
    spec = tmp_path / "api.yaml"
    spec.write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    api = build_api([spec], diagnostics=diagnostics)
    assert api is not None, [d.format() for d in diagnostics.items]
    params = {op.operation_id: [f"{p.location}:{p.name}" for p in op.parameters] for op in api.operations}
    return params, [d.format() for d in diagnostics.warnings if d.code == "W001"]


def test_headers_the_http_layer_writes_or_openapi_ignores_are_no_argument(tmp_path: Path) -> None:
    params, warnings = _load(tmp_path, SPEC)
    assert params["getSimple"] == ["path:ids", "path:obj", "path:flat", "header:x-tags"]
    assert params["getLabel"] == ["path:ids", "path:many", "path:pair", "header:x-filter"]
    for name in SKIPPED:
        found = [w for w in warnings if f"header parameter {name!r} is not an argument" in w]
        assert len(found) == 1, warnings  # Content-Length once, though two operations refer to it
    length = next(w for w in warnings if "'Content-Length'" in w)
    assert "api.yaml#/components/parameters/Length:" in length and "the HTTP layer writes it" in length
    accept = next(w for w in warnings if "'Accept'" in w)
    assert "#/paths/~1simple~1{ids}~1{obj}~1{flat}/get/parameters/8:" in accept and "OpenAPI ignores" in accept


def test_swagger_2_skips_the_same_transport_headers(tmp_path: Path) -> None:
    params, warnings = _load(tmp_path, SWAGGER)
    assert params["listItems"] == ["header:x-trace"]
    assert sum("the HTTP layer writes it" in w for w in warnings) == 2, warnings


# ---------------------------------------------------------------------------- generated clients


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("styles")
    spec = root / "api.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    for style in STYLES:
        out = str(root / style)
        made = harness.generator("generate", "--spec", str(spec), "--name", "styles", "--out", out, "--style", style)
        made.check_bounds()
        assert made.returncode == 0, made.stderr[-3000:]
    return root


def _go_env() -> dict[str, str]:
    """The Go tests' shared build cache (the standard library compiled once for every run), no workspace."""
    return {**go_env(), "GOWORK": "off"}


def _needs(style: str) -> None:
    if style == "typescript" and (shutil.which("node") is None or not TSC.exists()):
        pytest.skip("TypeScript is not installed: run `make node_modules`")
    if style == "go" and shutil.which("go") is None:
        pytest.skip("go is not installed")


@pytest.fixture()
def server() -> Iterator[FlowServer]:
    with FlowServer() as api:
        for path in SENT:
            api.route("GET", path, json_reply({}))
        yield api


@pytest.mark.parametrize("style", STYLES)
def test_generated_tests_pass(style: str, generated: Path) -> None:
    _needs(style)
    out = generated / style
    if style == "go":
        done = harness.run_bounded(["go", "test", "./..."], cwd=out, timeout=SECONDS, env=_go_env())
        assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
        return
    found = checks.python_tests(out) if style == "python" else checks.typescript_tests(out, generated / "ts-build")
    assert found["passed"], found["summary"]


def _drive(style: str, root: Path, url: str) -> harness.Outcome:
    out = root / style
    if style == "python":
        driver = root / "driver.py"
        driver.write_text(PYTHON_DRIVER, encoding="utf-8")
        return harness.run_bounded([sys.executable, str(driver), str(out), url], timeout=SECONDS)
    if style == "typescript":
        build = root / "ts-build"
        if not (build / "src" / "index.js").exists():
            tsc = [
                str(TSC),
                "-p",
                str(out),
                "--outDir",
                str(build),
                "--typeRoots",
                str(ROOT / "node_modules" / "@types"),
            ]
            compiled = harness.run_bounded(tsc, cwd=ROOT, timeout=SECONDS)
            assert compiled.returncode == 0, compiled.stdout + compiled.stderr
            (build / "package.json").write_text(json.dumps({"type": "module"}), encoding="utf-8")
        driver = root / "driver.mjs"
        driver.write_text(TYPESCRIPT_DRIVER, encoding="utf-8")
        return harness.run_bounded(["node", str(driver), str(build / "src" / "index.js"), url], timeout=SECONDS)
    module = root / "godriver"
    module.mkdir(exist_ok=True)
    (module / "go.mod").write_text(f"module godriver\n\ngo 1.19\n\nrequire styles v0.0.0\n\nreplace styles => {out}\n")
    (module / "main.go").write_text(GO_DRIVER, encoding="utf-8")
    return harness.run_bounded(["go", "run", ".", url], cwd=module, timeout=SECONDS, env=_go_env())


@pytest.mark.parametrize("style", STYLES)
def test_each_client_sends_the_same_paths_and_headers(style: str, generated: Path, server: FlowServer) -> None:
    _needs(style)
    done = _drive(style, generated, server.url)
    done.check_bounds()
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    assert [seen.path for seen in server.requests] == SENT
    first, empty = server.requests[0].headers, server.requests[1].headers
    assert first.get("x-tags") == "a,b c"
    assert "x-tags" not in empty  # an empty list: no header
    assert server.requests[2].headers.get("x-filter") == "role=ad min,level=7"  # an object, exploded
