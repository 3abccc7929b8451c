"""The request every style's generated tests expect is worked out once (``generator.core.test_exchange``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

from hostile import harness

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # ``sweep`` is a folder of the repository, not an installed package

from generator.core import test_credentials as credentials  # noqa: E402
from generator.core.naming import claim, claim_all  # noqa: E402
from generator.core.schemas import body_roots, schema_index  # noqa: E402
from generator.core.test_exchange import (  # noqa: E402
    ANY_VALUE,
    SentArgument,
    argument_value,
    expected_request,
    success_example,
    without_nulls,
)
from generator.core.test_values import Repeat  # noqa: E402
from generator.ir import Api  # noqa: E402
from generator.styles.go import naming as go_naming  # noqa: E402
from generator.styles.python.stub_cases import Constants, Spelled  # noqa: E402
from sweep import checks  # noqa: E402

SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "T", "version": "1"},
    "components": {
        "securitySchemes": {
            "session": {"type": "apiKey", "in": "cookie", "name": "sid"},
            "key": {"type": "apiKey", "in": "header", "name": "X-Key"},
            "token": {"type": "apiKey", "in": "query", "name": "token"},
        }
    },
    "paths": {
        "/items/{id}?fixed=1": {
            "post": {
                "operationId": "update",
                "security": [{"token": [], "missing": []}, {"session": [], "key": []}],
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "tags", "in": "query", "explode": False, "schema": {"type": "array"}},
                    {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                    {"name": "X-Trace", "in": "header", "schema": {"type": "array"}},
                    {"name": "Content-Length", "in": "header", "schema": {"type": "integer"}},
                    {"name": "theme", "in": "cookie", "schema": {"type": "string"}},
                ],
                "requestBody": {
                    "content": {
                        "application/json": {"schema": {"type": "object", "properties": {"name": {"type": "string"}}}}
                    }
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["id"],
                                    "properties": {"id": {"type": "integer"}},
                                }
                            }
                        },
                    }
                },
            }
        },
        "/ping": {"get": {"operationId": "ping", "responses": {"204": {"description": "none"}}}},
    },
}


def _api(load_spec: Any) -> Api:
    api, diagnostics = load_spec(SPEC)
    assert api is not None, diagnostics.errors
    return api


def _auth(api: Api) -> Any:
    return credentials.test_credentials(api, [("session", ["session"]), ("key", ["key"]), ("token", ["token"])])


def test_the_request_gathers_path_query_headers_cookies_and_credentials(load_spec: Any) -> None:
    api = _api(load_spec)
    arguments = [
        SentArgument("id", "path", "a b", optional=False),
        SentArgument("tags", "query", ["x", "y"], optional=True),
        SentArgument("limit", "query", None, optional=True),
        SentArgument("X-Trace", "header", Repeat("t", 2), optional=True),
        SentArgument("Content-Length", "header", 3, optional=True),
        SentArgument("theme", "cookie", "dark", optional=True),
        SentArgument("name", "body", "n", optional=True),
    ]
    sent = expected_request(api.operation("update"), "/base", arguments, _auth(api), segment=lambda v: quote(v))
    assert sent.path == "/base/items/a%20b"
    # the path's fixed query, the array without explode; no ``token``: its requirement names a scheme no client has
    assert sent.query == [["fixed", "1"], ["tags", "x,y"]]
    # the header argument in the simple style, then the credentials: a cookie key joins the cookie parameters
    assert sent.headers == [("X-Trace", "t,t"), ("X-Key", "test-key"), ("Cookie", "theme=dark; sid=test-session")]
    assert sent.properties == {"name": "n"}
    assert sent.whole is None


def test_a_whole_body_and_the_secrets_a_style_gives(load_spec: Any) -> None:
    api = _api(load_spec)
    auth = credentials.test_credentials(
        api, [("session", ["s"]), ("key", ["apiKey"])], secret=lambda name: "go-" + name
    )
    arguments = [SentArgument("id", "path", 7, optional=False), SentArgument(None, "body", {"a": None}, optional=False)]
    sent = expected_request(api.operation("update"), "", arguments, auth, segment=str)
    assert sent.path == "/items/7"
    assert sent.headers == [("X-Key", "go-apiKey"), ("Cookie", "sid=go-s")]
    assert (sent.properties, sent.whole) == ({}, {"a": None})


def test_the_success_reply_is_an_example_of_its_schema(load_spec: Any) -> None:
    api = _api(load_spec)
    index = schema_index(api, body_roots(api))
    assert success_example(index, api.operation("update")) == {"id": 1}
    reply = success_example(index, api.operation("ping"))
    assert reply == ANY_VALUE
    reply["any"] = "changed"  # each caller gets its own value
    assert success_example(index, api.operation("ping")) == ANY_VALUE


def test_an_argument_value_leaves_out_null_properties_and_needs_encoding_in_a_path(load_spec: Any) -> None:
    api = _api(load_spec)
    index = schema_index(api, body_roots(api))
    text = api.operation("update").parameters[0].schema
    assert argument_value(index, text, "query", optional=False) == "string"
    assert argument_value(index, text, "path", optional=False) == "a b/c?d%e"
    assert without_nulls({"a": None, "b": [{"c": None, "d": 1}, None]}) == {"b": [{"d": 1}, None]}


NULLS = {
    "openapi": "3.1.0",
    "info": {"title": "T", "version": "1"},
    "paths": {
        "/things": {
            "post": {
                "operationId": "make",
                "parameters": [{"name": "ratio", "in": "query", "required": True, "schema": {"type": "number"}}],
                "requestBody": {
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["kept"],
                                "properties": {
                                    "kept": {"type": ["string", "null"], "example": None},
                                    "dropped": {"type": "string", "default": None},
                                },
                            }
                        }
                    }
                },
                "responses": {"204": {"description": "none"}},
            }
        }
    },
}


def test_a_client_whose_models_send_a_required_null_keeps_it(load_spec: Any) -> None:
    api, diagnostics = load_spec(NULLS)
    assert api is not None, diagnostics.errors
    index = schema_index(api, body_roots(api))
    body = api.operation("make").request_body
    assert body is not None and body.contents[0].schema is not None
    schema = body.contents[0].schema
    assert argument_value(index, schema, "body", optional=False) == {}
    assert argument_value(index, schema, "body", optional=False, required_nulls=True) == {"kept": None}


def test_a_style_writes_a_scalar_as_its_runtime_does(load_spec: Any) -> None:
    api, diagnostics = load_spec(NULLS)
    assert api is not None, diagnostics.errors
    auth = credentials.test_credentials(api, [])
    ratio = [SentArgument("ratio", "query", 2.0, optional=False)]
    assert expected_request(api.operation("make"), "", ratio, auth, segment=str).query == [["ratio", "2"]]
    assert expected_request(api.operation("make"), "", ratio, auth, segment=str, text=str).query == [["ratio", "2.0"]]


EXCHANGE = """
openapi: 3.0.3
info: {title: Exchange, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /events:
    get:
      operationId: listEvents
      parameters:
        - {name: since, in: cookie, required: true, schema: {$ref: "#/components/schemas/Moment"}}
        - {name: x-until, in: header, required: true, schema: {$ref: "#/components/schemas/Moment"}}
        - {name: x-pair, in: header, required: true, schema: {$ref: "#/components/schemas/Pair"}}
        - {name: pair, in: cookie, required: true, schema: {$ref: "#/components/schemas/Pair"}}
        - {name: ratio, in: query, required: true, schema: {type: number, example: 2.0}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
components:
  schemas:
    Moment: {type: string, format: date-time, example: "2024-05-06T07:08:09Z"}
    Pair:
      type: object
      required: [role, level]
      properties:
        role: {type: string, example: admin}
        level: {type: integer, example: 7}
"""


def _generated(tmp_path: Path, document: str, name: str, style: str) -> Path:
    """``document`` generated in ``style`` as the package ``name``, into a new folder (which it returns)."""
    spec = tmp_path / "api.yaml"
    spec.write_text(document, encoding="utf-8")
    out = tmp_path / style
    made = harness.generator("generate", "--spec", str(spec), "--name", name, "--out", str(out), "--style", style)
    made.check_bounds()
    assert made.returncode == 0, made.stderr[-3000:]
    return out


def test_python_tests_expect_what_the_client_sends_for_dates_and_object_headers_and_cookies(tmp_path: Path) -> None:
    """Python's generated tests take the request from the core: a date-time cookie and header as the runtime
    writes them (ISO 8601 with ``Z``), a model header as its JSON's keys and values, a whole float as JSON writes
    it (``2``, as the TypeScript and Go clients send it)."""
    out = _generated(tmp_path, EXCHANGE, "exchange", "python")
    suite = (out / "tests" / "test_exchange_default.py").read_text(encoding="utf-8")
    assert '"Cookie": "since=2024-05-06T07:08:09Z; pair=role%2Cadmin%2Clevel%2C7"' in suite  # a model by its JSON
    assert '"x-until": "2024-05-06T07:08:09Z"' in suite
    assert '"x-pair": "role,admin,level,7"' in suite
    assert 'query=[("ratio", "2")]' in suite
    found = checks.python_tests(out)
    assert found["passed"], found["summary"]


def test_names_are_claimed_once_from_one_set() -> None:
    taken = {"Pair"}
    assert [claim("Pair", taken), claim("Pair", taken), claim("Other", taken)] == ["Pair_2", "Pair_3", "Other"]
    assert taken == {"Pair", "Pair_2", "Pair_3", "Other"}
    assert claim_all(["Pair", "Pair"], taken, joint="") == ["Pair2", "Pair3"]
    assert go_naming.claim("Pair", taken) == "Pair4"  # Go numbers without "_"


def test_a_test_modules_long_literals_get_distinct_constant_names() -> None:
    constants = Constants.of(Spelled())
    long_a, long_b = repr("a" * 200), repr("b" * 200)
    assert constants.share("requests", long_a) == "REQUESTS_2"  # the template's own table keeps its name
    assert constants.share("requests", long_b) == "REQUESTS_3"
    assert constants.share("other", long_a) == "REQUESTS_2"  # the same code, the same constant
    assert constants.share("short", "1") == "1"


PASS = """\
    Pass:
      type: object
      properties:
        holderName: {type: string, example: "a holder whose name is long enough to make the body a long literal"}
        barcode:
          type: object
          properties: {kind: {type: string}, value: {type: string}, alternateText: {type: string}}
"""
"""The model both documents below send and answer with: long enough for its JSON to be a constant."""

BODIES = """
openapi: 3.0.3
info: {title: Bodies, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /passes:
    post:
      operationId: insertPass
      requestBody:
        content: {application/json: {schema: {$ref: "#/components/schemas/Pass"}}}
      responses:
        "204": {description: stored}
  /events:
    post:
      operationId: insertEvent
      requestBody:
        content: {application/json: {schema: {$ref: "#/components/schemas/Event"}}}
      responses:
        "204": {description: stored}
components:
  schemas:
<PASS>        locations:
          type: array
          items: {type: object, properties: {latitude: {type: number}, longitude: {type: number}}}
    Event:
      type: object
      properties:
        title: {type: string, example: "an event whose title is long enough to make the body a long literal, as long"}
        at: {type: string, format: date-time, example: "2024-05-06T07:08:09Z"}
""".replace("<PASS>", PASS)


def test_python_tests_write_a_long_body_once_for_the_argument_and_the_body_sent(tmp_path: Path) -> None:
    """A model argument's JSON (an optional body: a required one is flattened into arguments) is a constant of
    the test module, and the request test expects that constant as the body sent: pay-passes' test modules were
    twice as long for writing each body twice."""
    out = _generated(tmp_path, BODIES, "bodies", "python")
    suite = (out / "tests" / "test_bodies_default.py").read_text(encoding="utf-8")
    assert suite.count("a holder whose name is long enough") == 1, suite
    assert "INSERT_PASS_BODY_JSON: Any = {" in suite
    assert "body=models.Pass.from_dict(INSERT_PASS_BODY_JSON)" in suite
    assert "json_body=INSERT_PASS_BODY_JSON," in suite
    assert suite.count("an event whose title is long enough") == 1  # its date made as the client writes it
    assert '"at": "2024-05-06T07:08:09+00:00"' in suite
    assert "json_body=INSERT_EVENT_BODY_JSON," in suite
    found = checks.python_tests(out)
    assert found["passed"], found["summary"]


ANSWERS = """
openapi: 3.0.3
info: {title: Answers, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /passes/{id}:
    get:
      operationId: getPass
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Pass"}}}}
    put:
      operationId: putPass
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      requestBody:
        content: {application/json: {schema: {$ref: "#/components/schemas/Pass"}}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Pass"}}}}
components:
  schemas:
<PASS>""".replace("<PASS>", PASS)


def test_typescript_tests_write_a_long_answer_once_for_the_tables_that_use_it(tmp_path: Path) -> None:
    """A long JSON body is a constant of the test file, typed ``unknown``: the answer the request test replies
    with and the decoding test expects, and the body sent when it is the same JSON, are that constant (the same
    22 kB body was written eleven times in one of pay-passes' files)."""
    out = _generated(tmp_path, ANSWERS, "answers", "typescript")
    suite = (out / "test" / "default.test.ts").read_text(encoding="utf-8")
    # the constant and the request test's (optional) body; the decoding test calls with the required arguments
    assert suite.count('holderName: "a holder whose name is long enough') == 2, suite
    assert "const GET_PASS_200_JSON: unknown = {" in suite
    assert suite.count("reply: () => json(GET_PASS_200_JSON, 200),") == 2
    assert suite.count("body: GET_PASS_200_JSON,") == 2
    assert "json: GET_PASS_200_JSON," in suite  # the body sent is the same JSON
    found = checks.typescript_tests(out, tmp_path / "build")
    assert found["passed"], found["summary"]
