"""Minimal documents of the shapes real descriptions hold that once broke the Go style.

Each is generated in the go style, then one ``go vet`` and one ``go test`` run over
them all (a ``go.work`` workspace), so the classes stay fixed at the cost of one build:

- cookie parameters (a scalar, an optional one, an array) beside a cookie API key, and path
  parameters named like the generated code's own variables (``cookies``, ``items``, ``strconv``);
- a query parameter and a body property of the same name (one ``json`` tag each);
- two services each with a method of the same name (their tests share the package's scope),
  described with byte order marks (which Go source may hold only as its first character);
- named discriminated unions, closed (a mapping) and open (an inline variant): ``Decode``
  chooses the variant by the discriminator (a Go test of its own is added to that package), also
  by the one value a variant's own property allows where no mapping names it (exavault's ``account``);
- a HEAD operation's error status (its answer has no body to read a message from), and what a Go struct
  keeps of an example (a key in other case, a null in a slice of structs, an undeclared key of a query
  object) beside a form field named ``body``;
- objects inside query values (amazonaws.com's email and sns: an array of objects, an object parameter
  exploded into its members, a deepObject one), each object or array in a value as compact JSON;
- optional arrays with ``minItems`` (a query parameter, body properties, a nested one) left unset
  beside an argument each refusal test breaks, query values holding ``&`` and ``<`` (which Go's
  ``json.Marshal`` escapes), and an email property whose pattern refuses ``user@example.com``
  (amadeus' hotel booking: the generated tests failed on all three), and a required property whose
  example is null (vtex's logistics: the struct sends the null the expectation left out);
- parameters given by ``content`` in JSON (superset's ``q``): one JSON text each in a path, query or
  header, where every style had exploded an object by the parameter's default style; and a UUID
  parameter of at least 64 characters (zuora's), which no test can send; bounds at 2**53 (jirafe's),
  whose refusal tests sent the bound itself; an enum of strings and numbers in a list query parameter
  (firebrowse's, held as any: its items went quoted), a HEAD documented with a JSON body (mediastore-data:
  the client decoded a body that never comes) and an example whose list of enum values holds nulls
  (velopayments: Go sent "" for each, which its enum refuses); numbers in an open interval too narrow for
  a bound plus one (portfoliooptimizer), a union of a number and a string answered "42" (hetzner), and
  a header parameter and an API key named with spaces (rapidapi's dynamicdocs: the client refused every call),
  a required property whose pattern nothing matches (dataexchange's ``CatalogId``), enums whose type
  says string of numbers or booleans (probely, stackexchange), and a constraint on items past the depth
  Go checks while the list itself is checked (sagemaker), and an int64 enum holding the int64 minimum
  (photoprism's ``time.Duration``: the test left the value out of the call and expected it sent).
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from go_support import generate, go, go_missing, workspace

from generator.core.cookies import cookie_header

pytestmark = pytest.mark.skipif(go_missing() is not None, reason=go_missing() or "")

_OK: dict[str, Any] = {
    "200": {
        "description": "ok",
        "content": {"application/json": {"schema": {"type": "object", "properties": {"id": {"type": "string"}}}}},
    }
}


def _document(paths: dict[str, Any], **components: Any) -> dict[str, Any]:
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Minimal", "version": "1"},
        "servers": [{"url": "https://api.example.test"}],
        "paths": paths,
    }
    if components:
        document["components"] = components
    return document


def _param(name: str, where: str, schema: dict[str, Any], required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": where, "required": required or where == "path", "schema": schema}


def _json_body(schema: dict[str, Any]) -> dict[str, Any]:
    """A required request body of ``schema`` in ``application/json``."""
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _json_param(name: str, where: str, schema: dict[str, Any], required: bool = False) -> dict[str, Any]:
    """A parameter given by ``content`` in ``application/json`` rather than by ``schema``."""
    return {
        "name": name,
        "in": where,
        "required": required or where == "path",
        "content": {"application/json": {"schema": schema}},
    }


COOKIES = _document(
    {
        "/items/{cookies}/{strconv}/{items}/{cookie}": {
            "get": {
                "operationId": "getItem",
                "parameters": [
                    _param("cookies", "path", {"type": "string"}),
                    _param("strconv", "path", {"type": "integer"}),
                    _param("items", "path", {"type": "string"}),
                    _param("cookie", "path", {"type": "string"}),
                    _param("session", "cookie", {"type": "integer"}, required=True),
                    _param("theme", "cookie", {"type": "string"}),
                    _param("tags", "cookie", {"type": "array", "items": {"type": "string"}}),
                    _param("flags", "query", {"type": "array", "items": {"type": "boolean"}}),
                ],
                "security": [{"key": []}],
                "responses": _OK,
            }
        }
    },
    securitySchemes={"key": {"type": "apiKey", "in": "cookie", "name": "sid"}},
)
SHARED_NAME = _document(
    {
        "/runs": {
            "post": {
                "operationId": "createRun",
                "parameters": [_param("experiment_id", "query", {"type": "string"})],
                "requestBody": _json_body(
                    {"type": "object", "properties": {"experiment_id": {"type": "string"}, "name": {"type": "string"}}}
                ),
                "responses": _OK,
            }
        }
    }
)
SAME_METHODS = _document(
    {
        f"/{tag}": {
            "get": {
                "operationId": f"{tag}_List",
                "tags": [tag],
                "description": "\ufeffLists them.\n\ufeff",
                "summary": "\ufeffList",
                "responses": _OK,
            }
        }
        for tag in ("accounts", "usage")
    }
)
SAME_METHODS["info"]["description"] = "\ufeffThe API (a byte order mark starts it, as some vendors' do)"
_PET = {
    "type": "object",
    "required": ["kind"],
    "properties": {"kind": {"type": "string"}, "lives": {"type": "integer"}},
}
UNIONS = _document(
    {
        f"/{name.lower()}": {
            "get": {
                "operationId": f"get{name}",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
                    }
                },
            }
        }
        for name in ("Pet", "Shape", "Included")
    },
    schemas={
        "Cat": _PET,
        "Dog": _PET,
        "Pet": {  # closed: a mapping
            "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
            "discriminator": {
                "propertyName": "kind",
                "mapping": {"cat": "#/components/schemas/Cat", "kitten": "#/components/schemas/Cat"},
            },
        },
        "Included": {  # no mapping; each variant's own kind allows one value (exavault's "account")
            "anyOf": [{"$ref": "#/components/schemas/Account"}, {"$ref": "#/components/schemas/Resource"}],
            "discriminator": {"propertyName": "kind"},
        },
        "Account": {"type": "object", "properties": {"kind": {"enum": ["account"]}, "id": {"type": "integer"}}},
        "Resource": {"type": "object", "properties": {"kind": {"const": "resource"}, "path": {"type": "string"}}},
        "Shape": {  # open: an inline variant and no mapping
            "oneOf": [
                {"$ref": "#/components/schemas/Cat"},
                {"type": "object", "properties": {"sides": {"type": "integer"}}},
            ],
            "discriminator": {"propertyName": "kind"},
        },
    },
)
_SOME = {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": "string", "minLength": 2}}
OPTIONAL_ARRAYS = _document(
    {
        "/bookings": {
            "post": {
                "operationId": "createBooking",
                "parameters": [
                    _param("ids", "query", {**_SOME, "uniqueItems": True}),
                    _param("q", "query", {"type": "string", "example": "/find?a=1&b=<2>", "maxLength": 40}),
                ],
                "requestBody": _json_body(
                    {
                        "type": "object",
                        "required": ["offerId", "guest"],
                        "properties": {
                            "offerId": {"type": "string", "minLength": 2, "pattern": "^[A-Z0-9]*$"},
                            "payments": _SOME,
                            "rooms": {**_SOME, "uniqueItems": True},
                            "guest": {
                                "type": "object",
                                "required": ["email", "storeId"],
                                "properties": {
                                    "storeId": {"type": ["string", "null"], "example": None},
                                    "email": {
                                        "type": "string",
                                        "format": "email",
                                        "example": "bob.smith@email.com",
                                        "pattern": r"^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\\.[a-zA-Z0-9-.]+$",
                                    },
                                    "phones": _SOME,
                                },
                            },
                        },
                    }
                ),
                "responses": _OK,
            }
        }
    }
)
_ENTRY = {
    "type": "object",
    "required": ["Id"],
    "properties": {
        "Zeta": {"type": "string", "example": "<z>"},
        "Id": {"type": "string"},
        "Score": {"type": "number", "example": 2.0},
        "Attributes": {"type": "object", "additionalProperties": {"type": "string"}, "example": {}},
    },
}
IN_QUERY = _document(
    {
        "/notices": {
            "get": {
                "operationId": "sendNotices",
                "parameters": [
                    _param(
                        "Entries", "query", {"type": "array", "items": {"$ref": "#/components/schemas/Entry"}}, True
                    ),
                    _param(
                        "Options",
                        "query",
                        {
                            "type": "object",
                            "properties": {
                                "Kind": {"type": "string", "example": "a&b<c"},
                                "Meta": {"type": "object", "properties": {"Level": {"type": "number", "example": 2.0}}},
                            },
                        },
                    ),
                    {
                        **_param(
                            "Filter",
                            "query",
                            {"type": "object", "properties": {"Since": {"type": "string"}, "Tags": {"type": "array"}}},
                        ),
                        "style": "deepObject",
                    },
                ],
                "responses": {"204": {"description": "none"}},
            }
        },
        "/jobs/{jobId}": {  # zuora.com: no UUID is 64 characters long, so no test can call it
            "delete": {
                "operationId": "deleteJob",
                "parameters": [_param("jobId", "path", {"type": "string", "format": "uuid", "minLength": 64})],
                "responses": {"204": {"description": "none"}},
            }
        },
        "/prices": {  # jirafe.com: bounds at 2**53, where a step of 1 is lost to a double's rounding
            "post": {
                "operationId": "setPrice",
                "parameters": [
                    _param("amount", "query", {"type": "number", "minimum": 0, "maximum": 2**53}, True),
                    _param("count", "query", {"type": "integer", "minimum": -(2**53), "maximum": 2**53}, True),
                ],
                "responses": {"204": {"description": "none"}},
            }
        },
        "/sites": {  # firebrowse.org: an enum of strings and numbers (held as any) in a list query parameter
            "get": {
                "operationId": "listSites",
                "parameters": [
                    {
                        **_param(
                            "tss_code", "query", {"type": "array", "items": {"type": "string", "enum": ["01", 8]}}
                        ),
                        "explode": False,
                    }
                ],
                "responses": {"204": {"description": "none"}},
            }
        },
        "/objects/{name}": {  # amazonaws.com's mediastore-data: a HEAD documented with the GET's JSON body
            "head": {
                "operationId": "describeObject",
                "parameters": [_param("name", "path", {"type": "string"})],
                "responses": _OK,
            }
        },
        "/webhooks": {  # velopayments.com: an example whose list of enum values holds nulls
            "post": {
                "operationId": "createWebhook",
                "requestBody": _json_body(
                    {
                        "type": "object",
                        "required": ["url"],
                        "properties": {
                            "url": {"type": "string"},
                            "categories": {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}},
                        },
                        "example": {"url": "https://hooks.example.test", "categories": [None, None]},
                    }
                ),
                "responses": {"204": {"description": "none"}},
            }
        },
        "/reports/{ids}": {  # superset.apache.local: parameters given by JSON content go as one JSON text each
            "get": {
                "operationId": "listReports",
                "parameters": [
                    _json_param("ids", "path", {"type": "array", "items": {"type": "integer"}, "example": [3, 1]}),
                    _json_param(
                        "q",
                        "query",
                        {"type": "object", "properties": {"page": {"type": "integer", "example": 2}}},
                        required=True,
                    ),
                    _json_param("X-Meta", "header", {"type": "object", "properties": {"Zone": {"type": "string"}}}),
                    _json_param("label", "query", {"type": "string", "example": "bare"}),
                ],
                "responses": {"204": {"description": "none"}},
            }
        },
        "/items": {  # files.com, codat.io, apideck.com: what a Go struct keeps of the examples
            "post": {
                "operationId": "createItem",
                "parameters": [
                    {
                        **_param("pass_through", "query", {"$ref": "#/components/schemas/PassThrough"}),
                        "style": "deepObject",
                        "explode": True,
                    }
                ],
                "requestBody": {  # a form whose field is named body (it was taken for a whole raw body)
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "properties": {"body": {"type": "object"}, "name": {"type": "string"}},
                            }
                        }
                    },
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}},
                    }
                },
            }
        },
        "/thresholds": {  # portfoliooptimizer: numbers in the open interval (0, 1); the tests sent 0
            "post": {
                "operationId": "setThresholds",
                "requestBody": _json_body(
                    {
                        "type": "object",
                        "required": ["levels"],
                        "properties": {
                            "levels": {
                                "type": "array",
                                "items": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
                            }
                        },
                    }
                ),
                "responses": {"204": {"description": "set"}},
            }
        },
        "/metrics": {  # hetzner: a union of a number and a string answered "42" stays a string
            "get": {
                "operationId": "getMetrics",
                "responses": {
                    "200": {
                        "description": "the series",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "array",
                                    "items": {"oneOf": [{"type": "number"}, {"type": "string"}]},
                                    "example": [1435781470.622, "42"],
                                }
                            }
                        },
                    }
                },
            }
        },
        "/spaced": {  # rapidapi's dynamicdocs: header names with spaces, which no client can write, are left out
            "get": {
                "operationId": "listSpaced",
                "parameters": [_param("X Trace Id", "header", {"type": "string"}, True)],
                "responses": _OK,
            },
            "post": {"operationId": "compileSpaced", "security": [{"spacedKey": []}], "responses": _OK},
        },
        "/jobs": {  # dataexchange: a required property no text matches, in an optional model: left out
            "post": {
                "operationId": "createJob",
                "requestBody": _json_body(
                    {"type": "object", "properties": {"details": {"$ref": "#/components/schemas/Policy"}}}
                ),
                "responses": {"204": {"description": "made"}},
            }
        },
        "/grants": {  # ... and in a required body: no exchange test
            "post": {
                "operationId": "createGrant",
                "requestBody": _json_body({"$ref": "#/components/schemas/Policy"}),
                "responses": {"204": {"description": "made"}},
            }
        },
        "/findings": {  # probely's `type: string` of 10, 20, 30 and stackexchange's of true and false: held as
            # numbers and booleans, refused as such; sagemaker's item seven levels down, past the checks
            "post": {
                "operationId": "listFindings",
                "parameters": [
                    _param("severity", "query", {"type": "string", "enum": [10, 20, 30]}),
                    _param("accepted", "query", {"type": "string", "enum": [True, False]}),
                ],
                "requestBody": _json_body(
                    {
                        "type": "object",
                        "properties": {
                            "config": {
                                "type": "object",
                                "properties": {
                                    "endpoints": {"type": "array", "items": {"$ref": "#/components/schemas/Endpoint"}}
                                },
                            }
                        },
                    }
                ),
                "responses": {"204": {"description": "listed"}},
            }
        },
        "/durations": {  # photoprism's time.Duration: an int64 enum whose first value is the int64 minimum
            "post": {
                "operationId": "setWakeup",
                "requestBody": _json_body(
                    {"type": "object", "properties": {"interval": {"$ref": "#/components/schemas/Duration"}}}
                ),
                "responses": {"204": {"description": "set"}},
            }
        },
        "/notices/{id}": {  # authentiq, dracoon: an answer to HEAD has no body, so no message is read from one
            "head": {
                "operationId": "noticeExists",
                "parameters": [_param("id", "path", {"type": "string"})],
                "responses": {
                    "200": {"description": "there"},
                    "404": {"description": "gone", "content": {"application/json": {"schema": {"type": "object"}}}},
                },
            }
        },
    },
    securitySchemes={"spacedKey": {"type": "apiKey", "in": "header", "name": "ADVICEment API Key"}},
    schemas={
        "Duration": {"type": "integer", "enum": [-9223372036854775808, 1, 1000]},
        "Endpoint": {
            "type": "object",
            "properties": {
                "ranges": {
                    "type": "object",
                    "properties": {
                        "categorical": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "value": {
                                        "type": "array",
                                        "maxItems": 3,
                                        "items": {"type": "string", "maxLength": 4},
                                    }
                                },
                            },
                        }
                    },
                }
            },
        },
        "Policy": {
            "type": "object",
            "required": ["catalogId", "roleArn"],
            "properties": {
                "catalogId": {"type": "string", "pattern": ".*/^[\\d]{12}$/.*", "minLength": 12, "maxLength": 12},
                "roleArn": {"type": "string", "maxLength": 5},
            },
        },
        "Entry": _ENTRY,
        "PassThrough": {  # a key the struct does not declare is dropped by it, in a query as in a body
            "type": "object",
            "additionalProperties": True,
            "properties": {"known": {"type": "string"}},
            "example": {"search": "San Francisco", "known": "k"},
        },
        "Reaction": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}},
        "Item": {
            "type": "object",
            "properties": {
                "dataType": {"type": "string"},
                "reactions": {"type": "array", "items": {"$ref": "#/components/schemas/Reaction"}},
            },
            # encoding/json reads datatype into dataType; a null in a slice of structs is the struct's zero
            "example": {"datatype": "invoices", "reactions": [None, {"id": 2}]},
        },
    },
)
DOCUMENTS = {
    "in_query": IN_QUERY,
    "cookies": COOKIES,
    "shared_name": SHARED_NAME,
    "same_methods": SAME_METHODS,
    "unions": UNIONS,
    "optional_arrays": OPTIONAL_ARRAYS,
}
DECODE_TEST = """package unions

import (
	"encoding/json"
	"fmt"
	"testing"
)

func decoded[T any](t *testing.T, body string) (any, error) {
	var union T
	if err := json.Unmarshal([]byte(body), &union); err != nil {
		t.Fatal(err)
	}
	return any(union).(interface{ Decode() (any, error) }).Decode()
}

func TestDecodeChoosesTheVariantTheDiscriminatorNames(t *testing.T) {
	for body, want := range map[string]string{
		`{"kind": "cat", "lives": 9}`:    "unions.Cat",
		`{"kind": "kitten", "lives": 9}`: "unions.Cat",
		`{"kind": "Dog", "lives": 1}`:    "unions.Dog",
	} {
		value, err := decoded[Pet](t, body)
		if err != nil || fmt.Sprintf("%T", value) != want {
			t.Errorf("%s: got %T, %v; want %s", body, value, err, want)
		}
	}
	if value, err := decoded[Pet](t, `{"kind": "bird"}`); err == nil {
		t.Errorf("a value no variant takes decoded as %T", value)
	}
	if value, err := decoded[Pet](t, `{"lives": 1}`); err == nil {
		t.Errorf("a value without its discriminator decoded as %T", value)
	}
}

func TestDecodeChoosesTheVariantByTheValueItsOwnPropertyAllows(t *testing.T) {
	for body, want := range map[string]string{
		`{"kind": "account", "id": 1}`:    "unions.Account",
		`{"kind": "Account", "id": 1}`:    "unions.Account",
		`{"kind": "resource", "path": ""}`: "unions.Resource",
	} {
		value, err := decoded[Included](t, body)
		if err != nil || fmt.Sprintf("%T", value) != want {
			t.Errorf("%s: got %T, %v; want %s", body, value, err, want)
		}
	}
}

func TestDecodeOfAnOpenUnionTakesAnyOtherValueAsItsInlineVariant(t *testing.T) {
	for body, want := range map[string]string{
		`{"kind": "Cat", "lives": 9}`:  "unions.Cat",
		`{"kind": "square", "sides": 4}`: "unions.ShapeVariant2",
		`{"sides": 3}`:                 "unions.ShapeVariant2",
	} {
		value, err := decoded[Shape](t, body)
		if err != nil || fmt.Sprintf("%T", value) != want {
			t.Errorf("%s: got %T, %v; want %s", body, value, err, want)
		}
	}
}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """The folder and the package of each document, generated two at a time."""
    root = tmp_path_factory.mktemp("go-minimal")

    def one(name: str) -> Path:
        spec = root / f"{name}.json"
        spec.write_text(json.dumps(DOCUMENTS[name]), encoding="utf-8")
        out = root / name
        args = ["generate", "--style", "go", "--spec", str(spec), "--out", str(out), "--name", name, "-q"]
        result = generate([*args, "--validation", "warn"])
        assert result.returncode == 0, result.stdout + result.stderr
        return out

    with ThreadPoolExecutor(max_workers=2) as pool:
        packages = list(pool.map(one, DOCUMENTS))
    return root, packages


def test_every_minimal_document_vets_and_passes_its_own_tests(built: tuple[Path, list[Path]]) -> None:
    root, packages = built
    (root / "unions" / "decode_test.go").write_text(DECODE_TEST, encoding="utf-8")
    work = workspace(packages, root / "go.work")
    folders = [f"./{package.name}/..." for package in packages]
    vet = go(["go", "vet", *folders], root, work=work)
    assert vet.returncode == 0, vet.stdout + vet.stderr
    tested = go(["go", "test", "-count=1", *folders], root, work=work)
    assert tested.returncode == 0, tested.stdout + tested.stderr


def test_cookie_parameters_are_sent_in_one_header_before_the_key(built: tuple[Path, list[Path]]) -> None:
    service = (built[0] / "cookies" / "service_default.go").read_text(encoding="utf-8")
    assert "apicore.CookieHeader(cookies)" in service
    tests = (built[0] / "cookies" / "service_default_test.go").read_text(encoding="utf-8")
    assert '"session=' in tests and "; sid=test-" in tests  # the generated test checks the whole header


def test_a_repeated_spec_name_is_tagged_once(built: tuple[Path, list[Path]]) -> None:
    service = (built[0] / "shared_name" / "service_default.go").read_text(encoding="utf-8")
    assert service.count('`json:"experiment_id"`') == 1


def test_same_named_methods_of_two_services_get_tests_of_their_own(built: tuple[Path, list[Path]]) -> None:
    tests = "".join(path.read_text(encoding="utf-8") for path in sorted((built[0] / "same_methods").glob("*_test.go")))
    assert tests.count("func TestList_SendsTheRequestTheSpecDescribes(") == 1
    assert tests.count("Service_List_SendsTheRequestTheSpecDescribes(") == 1


@pytest.mark.parametrize(
    ("value", "header"),
    [
        ("plain-text_1.2", "c=plain-text_1.2"),
        ('a b;c,d"e\\f%g', "c=a%20b%3Bc%2Cd%22e%5Cf%25g"),
        ("é\t\x7f", "c=%C3%A9%09%7F"),
    ],
)
def test_the_core_encodes_a_cookie_as_the_go_runtime_test_expects(value: str, header: str) -> None:
    # the same pairs are the expectations of tests/go_runtime/cookies_test.go
    assert cookie_header([("c", value)], str) == header


def test_an_optional_array_left_unset_is_not_checked(built: tuple[Path, list[Path]]) -> None:
    service = (built[0] / "optional_arrays" / "service_default.go").read_text(encoding="utf-8")
    for field in ("params.Ids", "params.Payments", "params.Rooms", "params.Guest.Phones"):
        assert f"if {field} != nil {{" in service, field
    tests = (built[0] / "optional_arrays" / "service_default_test.go").read_text(encoding="utf-8")
    assert "RefusesOfferID_PatternMismatch" in tests and "bob.smith@email.com" not in tests


def test_objects_inside_query_values_are_sent_by_their_style(built: tuple[Path, list[Path]]) -> None:
    service = (built[0] / "in_query" / "service_default.go").read_text(encoding="utf-8")
    assert 'apicore.QueryObject("Options", params.Options, "form", true)' in service
    assert 'apicore.QueryObject("Filter", params.Filter, "deepObject", false)' in service
    tests = (built[0] / "in_query" / "service_default_test.go").read_text(encoding="utf-8")
    assert '{"Attributes":{},"Id":"string","Score":2,"Zeta":"<z>"}' in tests.replace("\\", "")  # the item's JSON


def test_parameters_given_by_json_content_go_as_one_json_text(built: tuple[Path, list[Path]]) -> None:
    service = (built[0] / "in_query" / "service_default.go").read_text(encoding="utf-8")
    assert '{Name: "q", Value: formatJSON(params.Q)}' in service
    assert 'req.Headers["X-Meta"] = formatJSON(params.XMeta)' in service
    assert '"ids": formatJSON(ids)' in service
    tests = (built[0] / "in_query" / "service_default_test.go").read_text(encoding="utf-8")
    expected = tests.replace("\\", "")  # the query's pairs as a JSON text in the test
    assert '["label","bare"],["q","{"page":2}"]' in expected


def test_an_operation_no_argument_value_reaches_gets_no_exchange_tests(built: tuple[Path, list[Path]]) -> None:
    service = (built[0] / "in_query" / "service_default.go").read_text(encoding="utf-8")
    tests = (built[0] / "in_query" / "service_default_test.go").read_text(encoding="utf-8")
    assert "func (s *DefaultService) DeleteJob(" in service and "DeleteJob" not in tests


def test_refusals_of_bounds_at_two_to_the_53_send_the_next_double(built: tuple[Path, list[Path]]) -> None:
    tests = (built[0] / "in_query" / "service_default_test.go").read_text(encoding="utf-8")
    assert "9007199254740994" in tests and "-9007199254740994" in tests and "9007199254740993" not in tests


def test_head_bodies_mixed_enums_and_null_items_are_sent_and_read_as_every_client_does(
    built: tuple[Path, list[Path]],
) -> None:
    service = (built[0] / "in_query" / "service_default.go").read_text(encoding="utf-8")
    assert "DescribeObject(ctx context.Context, name string, opts ...CallOption) error {" in service
    tests = (built[0] / "in_query" / "service_default_test.go").read_text(encoding="utf-8").replace("\\", "")
    assert '[["tss_code","01"]]' in tests  # an item as its text, not quoted
    assert "null" not in tests[tests.index("func TestCreateWebhook") :]


def test_numbers_in_an_open_interval_are_sent_from_inside_it(built: tuple[Path, list[Path]]) -> None:
    tests = (built[0] / "in_query" / "service_default_test.go").read_text(encoding="utf-8").replace("\\", "")
    assert '{"levels":[0.5]}' in tests


def test_header_names_no_request_can_carry_are_left_out(built: tuple[Path, list[Path]]) -> None:
    service = (built[0] / "in_query" / "service_default.go").read_text(encoding="utf-8")
    tests = (built[0] / "in_query" / "service_default_test.go").read_text(encoding="utf-8")
    assert "X Trace Id" not in service and "ADVICEment" not in service + tests
    assert "TestListSpaced_" in tests and "TestCompileSpaced_" not in tests


def test_a_required_value_no_text_matches_is_left_out_or_its_operation_untested(
    built: tuple[Path, list[Path]],
) -> None:
    tests = (built[0] / "in_query" / "service_default_test.go").read_text(encoding="utf-8")
    assert "TestCreateJob_" in tests and "TestCreateGrant_" not in tests and "catalogId" not in tests


def test_refusals_go_by_what_the_go_client_holds_and_checks(built: tuple[Path, list[Path]]) -> None:
    tests = (built[0] / "in_query" / "service_default_test.go").read_text(encoding="utf-8")
    assert "TestListFindings_RefusesSeverity_NotInEnum" in tests and "RefusesAccepted" not in tests
    assert "_RefusesConfig_ItemItemTooManyItems" in tests and "_RefusesConfig_ItemItemItemTooLong" not in tests


def test_the_int64_minimum_is_written_into_the_call(built: tuple[Path, list[Path]]) -> None:
    tests = (built[0] / "in_query" / "service_default_test.go").read_text(encoding="utf-8")
    assert "Interval: ptr(Duration(-9223372036854775808))" in tests


def test_refusal_tests_are_written_only_for_labels_the_checks_name() -> None:
    """A refusal nested deeper than Go's checks go (sheets' body.sheets.filterViews.sortSpecs.sortOrder) gets no
    test: the labels the operation's checks name, each one literal, tell which are checked."""
    from generator.styles.go.stubs import checked_calls

    lines = (
        'if err := checkEnum("body"+".a\\"b"+".c\\\\", *item1.C, "x"); err != nil {',
        '\tif err := checkMinItems("ids", len(params.Ids), 1); err != nil { return nil, err }',
        "apicore.CheckText(name, value)",
    )
    assert checked_calls(lines) == {("checkEnum", '"body.a\\"b.c\\\\"'), ("checkMinItems", '"ids"')}
