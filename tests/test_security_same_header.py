"""Security schemes one requirement names together that write the same header, query parameter or cookie.

googleapis.com documents require ``{"Oauth2": [...], "Oauth2c": [...]}``: two OAuth2
schemes (implicit and authorization code flows) that both write ``Authorization: Bearer``.
A request has one Authorization header, so the core makes each such place one credential:
the client writes it once, from the first scheme (in the requirement's order) it has a
credential for, and the generator says so with one W017 line. The requirement becomes one
alternative per choice (``[["Oauth2", "key"], ["Oauth2c", "key"]]``), which every runtime
already tries in order. End to end, in each style: the generated package type-checks, its
own tests pass, and a client given only the second token sends that token, once.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest
from hostile import harness

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # ``sweep`` is a folder of the repository, not an installed package

from generator.core import test_credentials as credentials  # noqa: E402
from generator.core.security import MAX_ALTERNATIVES, SecurityPlan, security_plan  # noqa: E402
from generator.core.test_exchange import expected_request  # noqa: E402
from generator.diagnostics import Diagnostics  # noqa: E402
from generator.ir import Api, Operation, Origin, SecurityRequirement, SecurityScheme  # noqa: E402
from generator.pipeline import build_api  # noqa: E402
from sweep import checks  # noqa: E402

SECONDS = 300.0

DOCUMENT = """
openapi: 3.0.3
info: {title: Billing, version: "1"}
servers: [{url: "https://api.example.test"}]
security:
  - {Oauth2: [read], Oauth2c: [read], key: []}
paths:
  /accounts:
    get:
      operationId: listAccounts
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {type: object, properties: {name: {type: string}}}}}
components:
  securitySchemes:
    Oauth2:
      type: oauth2
      flows: {implicit: {authorizationUrl: "https://auth.example.test/auth", scopes: {read: Read}}}
    Oauth2c:
      type: oauth2
      flows:
        authorizationCode:
          authorizationUrl: "https://auth.example.test/auth"
          tokenUrl: "https://auth.example.test/token"
          scopes: {read: Read}
    key: {type: apiKey, in: query, name: key}
"""
"""googleapis.com's cloudbilling requirement in small, with an API key in the query beside it."""


def _api(tmp_path: Path, text: str) -> Api:
    spec = tmp_path / "api.yaml"
    spec.write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    api = build_api([spec], diagnostics=diagnostics)
    assert api is not None, [str(d) for d in diagnostics]
    return api


def _schemes_document(schemes: dict[str, str], requirements: list[list[str]]) -> str:
    """A document of one operation whose requirements name ``schemes`` (name -> flow-style scheme object)."""
    listed = "".join("  - {" + ", ".join(f"{n}: []" for n in names) + "}\n" for names in requirements)
    declared = "".join(f"    {name}: {scheme}\n" for name, scheme in schemes.items())
    return (
        'openapi: 3.0.3\ninfo: {title: T, version: "1"}\nservers: [{url: "https://api.example.test"}]\n'
        f"security:\n{listed}"
        'paths:\n  /a:\n    get:\n      operationId: a\n      responses: {"204": {description: done}}\n'
        f"components:\n  securitySchemes:\n{declared}"
    )


def _only(api: Api) -> Operation:
    (op,) = api.operations
    return op


# ---------------------------------------------------------------------------- the core's decision


def test_two_oauth2_schemes_of_one_requirement_become_two_alternatives_keeping_the_other_place(
    tmp_path: Path,
) -> None:
    api = _api(tmp_path, DOCUMENT)
    assert security_plan(api).alternatives(_only(api)) == [["Oauth2", "key"], ["Oauth2c", "key"]]


@pytest.mark.parametrize(
    ("schemes", "alternatives"),
    [
        pytest.param(  # header names are case-insensitive
            {"A": "{type: apiKey, in: header, name: X-Key}", "B": "{type: apiKey, in: header, name: x-key}"},
            [["A"], ["B"]],
            id="header-case",
        ),
        pytest.param(  # an API key in the Authorization header meets a bearer token
            {"A": "{type: http, scheme: bearer}", "B": "{type: apiKey, in: header, name: Authorization}"},
            [["A"], ["B"]],
            id="authorization",
        ),
        pytest.param(
            {"A": "{type: http, scheme: basic}", "B": "{type: openIdConnect, openIdConnectUrl: 'https://o.test/'}"},
            [["A"], ["B"]],
            id="basic-and-openid",
        ),
        pytest.param(  # query names are case-sensitive: two parameters
            {"A": "{type: apiKey, in: query, name: key}", "B": "{type: apiKey, in: query, name: Key}"},
            [["A", "B"]],
            id="query-case",
        ),
        pytest.param(
            {"A": "{type: apiKey, in: query, name: key}", "B": "{type: apiKey, in: query, name: key}"},
            [["A"], ["B"]],
            id="query-same",
        ),
        pytest.param(  # two cookies share the Cookie header but not a name
            {"A": "{type: apiKey, in: cookie, name: sid}", "B": "{type: apiKey, in: cookie, name: tok}"},
            [["A", "B"]],
            id="cookies-apart",
        ),
        pytest.param(
            {"A": "{type: apiKey, in: cookie, name: sid}", "B": "{type: apiKey, in: cookie, name: sid}"},
            [["A"], ["B"]],
            id="cookie-same",
        ),
        pytest.param(  # a header and a query parameter of the same name are two places
            {"A": "{type: apiKey, in: header, name: key}", "B": "{type: apiKey, in: query, name: key}"},
            [["A", "B"]],
            id="header-and-query",
        ),
    ],
)
def test_schemes_share_a_place_only_where_a_request_has_one(
    tmp_path: Path, schemes: dict[str, str], alternatives: list[list[str]]
) -> None:
    api = _api(tmp_path, _schemes_document(schemes, [list(schemes)]))
    assert security_plan(api).alternatives(_only(api)) == alternatives


def test_two_shared_places_give_each_choice_in_order_the_first_schemes_first(tmp_path: Path) -> None:
    schemes = {
        "h1": "{type: apiKey, in: header, name: X-Key}",
        "q1": "{type: apiKey, in: query, name: key}",
        "h2": "{type: apiKey, in: header, name: X-KEY}",
        "q2": "{type: apiKey, in: query, name: key}",
        "c": "{type: apiKey, in: cookie, name: c}",
    }
    api = _api(tmp_path, _schemes_document(schemes, [list(schemes), []]))
    assert security_plan(api).alternatives(_only(api)) == [
        ["h1", "q1", "c"],
        ["h1", "q2", "c"],
        ["q1", "h2", "c"],  # each alternative names its schemes in the requirement's order
        ["h2", "q2", "c"],
        [],  # anonymous access stays last
    ]


def test_requirements_that_differ_only_in_scopes_give_each_alternative_once(tmp_path: Path) -> None:
    text = DOCUMENT.replace(
        "  - {Oauth2: [read], Oauth2c: [read], key: []}\n",
        "  - {Oauth2: [read], Oauth2c: [read], key: []}\n  - {Oauth2: [write], Oauth2c: [write], key: []}\n",
    ).replace("scopes: {read: Read}", "scopes: {read: Read, write: Write}")
    api = _api(tmp_path, text)
    assert security_plan(api).alternatives(_only(api)) == [["Oauth2", "key"], ["Oauth2c", "key"]]


def test_too_many_combinations_send_each_shared_place_from_its_first_scheme(tmp_path: Path) -> None:
    places = (MAX_ALTERNATIVES).bit_length()  # 2 ** places > MAX_ALTERNATIVES
    schemes = {f"s{i}{j}": f"{{type: apiKey, in: header, name: X-{i}}}" for j in "ab" for i in range(places)}
    api = _api(tmp_path, _schemes_document(schemes, [list(schemes)]))
    assert security_plan(api).alternatives(_only(api)) == [[f"s{i}a" for i in range(places)]]


def test_requirements_whose_choices_add_up_past_the_bound_send_each_place_from_its_first_scheme(
    tmp_path: Path,
) -> None:
    places = (MAX_ALTERNATIVES).bit_length() - 1  # 2 ** places == MAX_ALTERNATIVES: one requirement stays whole
    schemes = {f"s{i}{j}": f"{{type: apiKey, in: header, name: X-{i}}}" for j in "ab" for i in range(places)}
    one = _api(tmp_path, _schemes_document(schemes, [list(schemes)]))
    assert len(security_plan(one).alternatives(_only(one))) == MAX_ALTERNATIVES
    extra = {f"t{j}": "{type: apiKey, in: query, name: t}" for j in "ab"}
    requirements = [[*schemes, f"t{j}"] for j in "ab"]  # two requirements: 2 x 64 alternatives
    api = _api(tmp_path, _schemes_document(schemes | extra, requirements))
    firsts = [f"s{i}a" for i in range(places)]
    assert security_plan(api).alternatives(_only(api)) == [[*firsts, "ta"], [*firsts, "tb"]]


def test_a_requirement_naming_thousands_of_schemes_is_planned_in_linear_time() -> None:
    """Each scheme of an alternative is looked up in a set: a list made the plan quadratic in the requirement."""
    count = 12_000
    origin = Origin(file="api.json")
    schemes = [
        SecurityScheme(name=f"k{i}", kind="apiKey", location="header", parameter_name=f"X-K{i}", origin=origin)
        for i in range(count)
    ]
    requirement = SecurityRequirement(schemes=tuple((scheme.name, ()) for scheme in schemes))
    op = cast(Operation, SimpleNamespace(security=(requirement,)))

    def seconds(step: object) -> float:
        runs = []
        for _ in range(3):
            plan = SecurityPlan(schemes)  # a new plan each time: alternatives are remembered per plan
            start = time.perf_counter()
            result = plan.alternatives(op) if step == "plan" else plan._groups(requirement)
            runs.append(time.perf_counter() - start)
        assert result  # a plan with one alternative, groups with one scheme each
        return sorted(runs)[1]

    grouping, planning = seconds("groups"), seconds("plan")  # planning groups twice and builds one alternative
    assert planning < 20 * grouping, (planning, grouping)


def test_the_tests_expect_one_authorization_header_from_the_scheme_the_client_has(tmp_path: Path) -> None:
    api = _api(tmp_path, DOCUMENT)
    op = _only(api)
    both = credentials.test_credentials(
        api, [("Oauth2", ["access_token"]), ("Oauth2c", ["access_token_2"]), ("key", ["key"])]
    )
    second = credentials.test_credentials(api, [("Oauth2c", ["access_token_2"]), ("key", ["key"])])
    assert both.chosen(op) == ["Oauth2", "key"] and second.chosen(op) == ["Oauth2c", "key"]
    sent = expected_request(op, "", [], both, segment=str)
    assert [value for name, value in sent.headers if name.lower() == "authorization"] == ["Bearer test-access-token"]
    assert sent.query == [["key", "test-key"]]


# ---------------------------------------------------------------------------- end to end


def _generate(root: Path, text: str, style: str) -> tuple[Path, str]:
    spec = root / "api.yaml"
    spec.write_text(text, encoding="utf-8")
    out = root / "billing"
    made = harness.generator("generate", "--spec", str(spec), "--name", "billing", "--out", str(out), "--style", style)
    made.check_bounds()
    assert made.returncode == 0, made.stderr[-3000:]
    return out, made.stderr


@pytest.mark.parametrize("style", harness.GENERATION_STYLES)
def test_one_located_warning_names_the_schemes_and_the_place(style: str, tmp_path: Path) -> None:
    _, stderr = _generate(tmp_path, DOCUMENT, style)
    (found,) = [line for line in stderr.splitlines() if "W017" in line]
    assert found.endswith(
        "api.yaml#/components/securitySchemes/Oauth2c: warning[W017]: security schemes 'Oauth2' and 'Oauth2c' are "
        "required together but both write the Authorization header: a client sends it once, from the first of them "
        "it has a credential for"
    )


def test_past_the_combinations_the_warning_names_the_scheme_sent(tmp_path: Path) -> None:
    places = (MAX_ALTERNATIVES).bit_length()
    schemes = {f"s{i}{j}": f"{{type: apiKey, in: header, name: X-{i}}}" for j in "ab" for i in range(places)}
    _, stderr = _generate(tmp_path, _schemes_document(schemes, [list(schemes)]), "python")
    found = [line for line in stderr.splitlines() if "W017" in line]
    assert len(found) == places
    assert found[0].endswith(
        "security schemes 's0a' and 's0b' are required together but both write the header 'X-0': an operation's "
        f"choices would add over {MAX_ALTERNATIVES} alternatives, so a client sends it only from 's0a'"
    )


def test_a_warning_for_many_schemes_names_a_few_and_counts_the_rest(tmp_path: Path) -> None:
    """A finding is one short line however many schemes a requirement names together."""
    schemes = {f"bearer{i}": "{type: http, scheme: bearer}" for i in range(40)}
    _, stderr = _generate(tmp_path, _schemes_document(schemes, [list(schemes)]), "python")
    (found,) = [line for line in stderr.splitlines() if "W017" in line]
    assert "security schemes 'bearer0', 'bearer1' and 38 more are required together but all write" in found
    assert len(found.split("warning[W017]: ", 1)[1]) < 300


@pytest.fixture(scope="module")
def go_cache() -> Path:
    """The build cache the Go tests share (``tests/go/go_support.py``): the standard library is compiled once."""
    return ROOT / ".cache" / "go" / "build"


def _needs(style: str) -> None:
    if style == "typescript" and (shutil.which("node") is None or not checks.TSC.exists()):
        pytest.skip("TypeScript is not installed: run `make node_modules`")
    if style == "go" and shutil.which("go") is None:
        pytest.skip("go is not installed")


def _bounded(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = harness.run_bounded(argv, cwd=cwd, env=env, timeout=SECONDS)
    assert done.returncode == 0 and not done.timed_out, (done.stdout + done.stderr)[-3000:]
    return done.stdout


PYTHON_SECOND_ONLY = """
import json, httpx, billing
seen = []
def answer(request):
    seen.append(request)
    return httpx.Response(200, json={"name": "n"})
http = httpx.Client(transport=httpx.MockTransport(answer))
client = billing.Billing(access_token_2="second", api_key="k", http_client=http)
client.default.list_accounts()
request = seen[0]
print(json.dumps([request.headers.get_list("authorization"), request.url.params.get_list("key")]))
"""

TYPESCRIPT_SECOND_ONLY = """
import { Billing } from "./src/index.js";
let sent;
const fetch = async (url, init) => {
  sent = [new Headers(init.headers).get("authorization"), new URL(url).searchParams.getAll("key")];
  return new Response(JSON.stringify({ name: "n" }), { status: 200, headers: { "content-type": "application/json" } });
};
await new Billing({ accessToken_2: "second", apiKey: "k", fetch }).default_.listAccounts();
console.log(JSON.stringify(sent));
"""

GO_SECOND_ONLY = """package billing

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestSecondTokenOnly(t *testing.T) {
	var seen []interface{}
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = []interface{}{r.Header.Values("Authorization"), r.URL.Query()["key"]}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"name": "n"}`))
	}))
	defer server.Close()
	client, err := New(WithBaseURL(server.URL), WithAccessToken2("second"), WithAPIKey("k"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Default.ListAccounts(context.Background()); err != nil {
		t.Fatal(err)
	}
	text, _ := json.Marshal(seen)
	fmt.Printf("SENT %s\\n", text)
}
"""


def _go_env(cache: Path) -> dict[str, str]:
    env = {**os.environ, "GOCACHE": str(cache), "GOTOOLCHAIN": "local", "GOPROXY": "off"}
    return env | {"GOFLAGS": "-buildvcs=false", "CGO_ENABLED": "0", "GOWORK": "off"}


def _second_only_sent(root: Path, out: Path, style: str, cache: Path) -> object:
    """What a client given only the second OAuth2 token (and the key) sends: [Authorization values, key values]."""
    if style == "python":
        return json.loads(_bounded([sys.executable, "-c", PYTHON_SECOND_ONLY], cwd=out))
    if style == "typescript":
        build = root / "build"
        (build / "probe.mjs").write_text(TYPESCRIPT_SECOND_ONLY, encoding="utf-8")
        sent = json.loads(_bounded(["node", "probe.mjs"], cwd=build))
        return [[sent[0]] if sent[0] is not None else [], sent[1]]
    (out / "second_only_test.go").write_text(GO_SECOND_ONLY, encoding="utf-8")
    printed = _bounded(["go", "test", "-run", "TestSecondTokenOnly", "-v", "."], cwd=out, env=_go_env(cache))
    return json.loads(next(line for line in printed.splitlines() if line.startswith("SENT "))[5:])


def _type_check_and_run_tests(root: Path, out: Path, style: str, cache: Path) -> None:
    if style == "python":
        _bounded([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", "billing"], cwd=out)
        found = checks.python_tests(out)
    elif style == "typescript":
        found = checks.typescript_tests(out, root / "build")  # tsc with the package's (strict) tsconfig, node --test
    else:
        _bounded(["go", "vet", "./..."], cwd=out, env=_go_env(cache))
        _bounded(["go", "test", "./..."], cwd=out, env=_go_env(cache))
        return
    assert found["passed"], found["summary"]


@pytest.mark.parametrize("style", ["python", "typescript", "go"])
def test_generated_client_sends_the_shared_header_once(style: str, tmp_path: Path, go_cache: Path) -> None:
    _needs(style)
    out, _ = _generate(tmp_path, DOCUMENT, style)
    _type_check_and_run_tests(tmp_path, out, style, go_cache)  # they give both tokens: the first is sent
    assert _second_only_sent(tmp_path, out, style, go_cache) == [["Bearer second"], ["k"]]


def _many_requirements_document(operations: int, requirements: int, places: int) -> str:
    """``operations`` operations under ``requirements`` requirements, each naming two schemes for each of ``places``
    headers and a key of its own: 2 ** places choices a requirement, were they not bounded."""
    schemes = {f"s{i}{j}": f"{{type: apiKey, in: header, name: X-{i}}}" for j in "ab" for i in range(places)}
    keys = {f"k{r}": f"{{type: apiKey, in: query, name: k{r}}}" for r in range(requirements)}
    text = _schemes_document(schemes | keys, [[*schemes, f"k{r}"] for r in range(requirements)])
    paths = "".join(
        f'  /p{n}:\n    get:\n      operationId: p{n}\n      responses: {{"204": {{description: done}}}}\n'
        for n in range(operations)
    )
    return text.replace("paths:\n", "paths:\n" + paths)


@pytest.mark.parametrize("style", harness.STYLES)
def test_many_requirements_with_shared_places_stay_one_alternative_each(style: str, tmp_path: Path) -> None:
    requirements = 30
    out, stderr = _generate(tmp_path, _many_requirements_document(40, requirements, 6), style)
    assert stderr.count("W017") == 6
    resources = out / "src" / "resources" if style == "typescript" else out / "billing" / "resources"
    text = "".join(path.read_text(encoding="utf-8") for path in sorted(resources.iterdir()) if path.is_file())
    firsts = ", ".join(f'"s{i}a"' for i in range(6))
    calls = text.count('"k0"')  # one per operation and client
    assert calls > 0 and text.count(firsts) == requirements * calls and '"s0b"' not in text
