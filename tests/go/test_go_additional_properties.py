"""Go models keep the properties their schema does not list in a map of the ``additionalProperties`` schema's type.

One minimal document holds each shape: a schema that admits any value (its map holds
``json.RawMessage``, so a large integer comes back as written), typed ones (a string, an
integer, a list, a closed model, a nullable string), objects with no map (one closed by
``additionalProperties: false``, one saying ``true``) and one whose properties take the
names the model would use (``AdditionalProperties``, ``marshalJSON``, a name no tag can
hold). Its package passes ``go vet``, its own generated tests (whose example carries
unlisted properties and expects back those a map takes) and the hand-written round trips,
one of them through a call whose flattened body takes the others as ``AdditionalProperties``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from go_support import generate, go, go_missing

from generator import ir
from generator.core.schemas import body_roots
from generator.styles.go.kept import kept
from generator.styles.go.models import ModelSet, build_models
from generator.styles.go.types import RAW

DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Things", "version": "1"},
    "servers": [{"url": "https://api.example.test"}],
    "paths": {
        "/things/{id}": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "get": {
                "operationId": "getThing",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Open"}}},
                    }
                },
            },
            "put": {
                "operationId": "putThing",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Open"}}},
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Open"}}},
                    }
                },
            },
        },
        "/others": {
            "get": {
                "operationId": "getOthers",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Others"}}},
                    }
                },
            }
        },
        "/tags": {
            "post": {
                "operationId": "postTags",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Tags"}}},
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Tags"}}},
                    }
                },
            }
        },
    },
    "components": {
        "schemas": {
            "Open": {
                "type": "object",
                "required": ["id"],
                "properties": {
                    "id": {"type": "string"},
                    "note": {"type": ["string", "null"]},
                    "child": {"$ref": "#/components/schemas/Tags"},
                },
                "example": {
                    "id": "a",
                    "extra": {"deep": [1, 12345678901234567890]},
                    "child": {"name": "n", "color": "red"},
                },
                "additionalProperties": {"description": "Anything the service adds."},
            },
            "Tags": {
                "type": "object",
                "properties": {"name": {"type": "string"}},
                "additionalProperties": {"type": "string"},
            },
            "Counts": {
                "type": "object",
                "properties": {"total": {"type": "integer"}},
                "additionalProperties": {"type": "integer"},
            },
            "Closed": {"type": "object", "properties": {"id": {"type": "string"}}, "additionalProperties": False},
            "Clash": {
                "type": "object",
                "properties": {
                    "AdditionalProperties": {"type": "string"},
                    "marshalJSON": {"type": "string"},
                    "odd name": {"type": "string"},
                },
                "additionalProperties": {"type": "array", "items": {"type": "boolean"}},
            },
            "Nested": {
                "type": "object",
                "properties": {"id": {"type": "string"}},
                "additionalProperties": {"$ref": "#/components/schemas/Closed"},
            },
            "Maybe": {
                "type": "object",
                "properties": {"id": {"type": "string"}},
                "additionalProperties": {"type": ["string", "null"]},
            },
            "Bag": {
                "type": "object",
                "properties": {"id": {"type": "string"}},
                "additionalProperties": {"type": "object"},
            },
            "Others": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "counts": {"$ref": "#/components/schemas/Counts"},
                    "closed": {"$ref": "#/components/schemas/Closed"},
                    "clash": {"$ref": "#/components/schemas/Clash"},
                    "nested": {"$ref": "#/components/schemas/Nested"},
                    "maybe": {"$ref": "#/components/schemas/Maybe"},
                    "loose": {"$ref": "#/components/schemas/Loose"},
                },
                "example": {
                    "counts": {"total": 2, "red": 1},
                    "closed": {"id": "c", "dropped": 1},
                    "clash": {"AdditionalProperties": "p", "marshalJSON": "q", "odd name": "r", "z": [True]},
                    "nested": {"id": "n", "one": {"id": "x", "dropped": 2}},
                    "maybe": {"a": None, "b": "x"},
                    "loose": {"id": "l", "dropped": 3},
                },
            },
            "Loose": {"type": "object", "properties": {"id": {"type": "string"}}, "additionalProperties": True},
        }
    },
}

ROUND_TRIPS = """package things

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// sameJSONText compares two JSON texts as values, numbers as written.
func sameJSONText(t *testing.T, got []byte, want string) {
	t.Helper()
	read := func(text []byte) any {
		decoder := json.NewDecoder(bytes.NewReader(text))
		decoder.UseNumber()
		var value any
		if err := decoder.Decode(&value); err != nil {
			t.Fatalf("not JSON: %s", text)
		}
		return value
	}
	if !reflect.DeepEqual(read(got), read([]byte(want))) {
		t.Errorf("JSON: got %s, want %s", got, want)
	}
}

func roundTrip[T any](t *testing.T, text string) (T, []byte) {
	t.Helper()
	var value T
	if err := json.Unmarshal([]byte(text), &value); err != nil {
		t.Fatalf("decoding %s: %v", text, err)
	}
	data, err := json.Marshal(value)
	if err != nil {
		t.Fatalf("encoding: %v", err)
	}
	return value, data
}

func TestAnUnlistedPropertySurvivesDecodeAndEncode(t *testing.T) {
	text := `{"id":"a","extra":{"deep":[1,12345678901234567890]},"child":{"name":"n","color":"red"}}`
	open, data := roundTrip[Open](t, text)
	sameJSONText(t, data, text)
	if got := string(open.AdditionalProperties["extra"]); got != `{"deep":[1,12345678901234567890]}` {
		t.Errorf("extra: got %s", got)
	}
	if _, listed := open.AdditionalProperties["id"]; listed {
		t.Error("a listed property is in AdditionalProperties")
	}
}

func TestOtherPropertiesAreFoundInAnyLayout(t *testing.T) {
	text := ` { "id" : "a" , "s\\"}" : "x\\\\\\"}]" ,
	"\\u006Bey":[1, {"a": ["]"]}], "n" : -1.5e3 , "t":true,"é":null }
`
	open, data := roundTrip[Open](t, text)
	sameJSONText(t, data, text)
	want := map[string]string{
		`s"}`: `"x\\\\\\"}]"`, "key": `[1, {"a": ["]"]}]`, "n": "-1.5e3", "t": "true", "é": "null",
	}
	if len(open.AdditionalProperties) != len(want) {
		t.Errorf("got %d others, want %d", len(open.AdditionalProperties), len(want))
	}
	for name, value := range want {
		if got := string(open.AdditionalProperties[name]); got != value {
			t.Errorf("%s: got %s, want %s", name, got, value)
		}
	}
	escaped, _ := roundTrip[Open](t, `{"\\u0069d":"b"}`)
	if escaped.ID != "b" || escaped.AdditionalProperties != nil {
		t.Errorf("a listed name written with an escape: got %+v", escaped)
	}
}

func TestATypedAdditionalPropertyDecodesIntoItsType(t *testing.T) {
	open, _ := roundTrip[Open](t, `{"id":"a","child":{"name":"n","color":"red"}}`)
	var color string = open.Child.AdditionalProperties["color"]
	if color != "red" || *open.Child.Name != "n" {
		t.Errorf("child: got %+v", open.Child)
	}
	counts, data := roundTrip[Counts](t, `{"total":3,"red":1,"blue":2}`)
	var blue int64 = counts.AdditionalProperties["blue"]
	if blue != 2 || *counts.Total != 3 || len(counts.AdditionalProperties) != 2 {
		t.Errorf("counts: got %+v", counts)
	}
	sameJSONText(t, data, `{"total":3,"red":1,"blue":2}`)
	var bad Counts
	err := json.Unmarshal([]byte(`{"total":3,"red":"many"}`), &bad)
	if err == nil || !strings.Contains(err.Error(), `property "red"`) {
		t.Errorf("a value not of the type: got %v", err)
	}
	nested, data := roundTrip[Nested](t, `{"id":"n","one":{"id":"x","dropped":2}}`)
	var one Closed = nested.AdditionalProperties["one"]
	if *one.ID != "x" {
		t.Errorf("nested: got %+v", nested)
	}
	sameJSONText(t, data, `{"id":"n","one":{"id":"x"}}`)
	maybe, data := roundTrip[Maybe](t, `{"a":null,"b":"x"}`)
	if maybe.AdditionalProperties["a"] != nil || *maybe.AdditionalProperties["b"] != "x" {
		t.Errorf("maybe: got %+v", maybe)
	}
	sameJSONText(t, data, `{"a":null,"b":"x"}`)
}

func TestAFreeFormObjectSchemaTakesAnyValue(t *testing.T) {
	text := `{"id":"b","s":"text","o":{"k":12345678901234567890}}`
	bag, data := roundTrip[Bag](t, text)
	sameJSONText(t, data, text)
	if string(bag.AdditionalProperties["s"]) != `"text"` {
		t.Errorf("bag: got %v", bag.AdditionalProperties)
	}
}

func TestARequestBodySendsTheOthersItIsGiven(t *testing.T) {
	c, seen := serve(t, reply{status: 200, contentType: "application/json", body: `{"name":"n","color":"red"}`})
	params := &PostTagsParams{Name: ptr("n"), AdditionalProperties: map[string]string{"color": "red", "name": "other"}}
	out, err := c.Default.PostTags(context.Background(), params)
	if err != nil {
		t.Fatal(err)
	}
	sameJSONText(t, single(t, seen).body, `{"name":"n","color":"red"}`)
	if out.AdditionalProperties["color"] != "red" || len(out.AdditionalProperties) != 1 {
		t.Errorf("answer: got %+v", out)
	}
}

func TestAClosedObjectKeepsNone(t *testing.T) {
	_, data := roundTrip[Closed](t, `{"id":"c","dropped":1}`)
	sameJSONText(t, data, `{"id":"c"}`)
	if field, ok := reflect.TypeOf(Closed{}).FieldByName("AdditionalProperties"); ok {
		t.Errorf("a closed object has %v", field)
	}
}

func TestAnObjectWithoutASchemaForOthersHasNoMap(t *testing.T) {
	_, data := roundTrip[Loose](t, `{"id":"l","dropped":3}`)
	sameJSONText(t, data, `{"id":"l"}`)
	if field, ok := reflect.TypeOf(Loose{}).FieldByName("AdditionalProperties"); ok {
		t.Errorf("an object saying additionalProperties: true has %v", field)
	}
	if _, ok := reflect.TypeOf(Loose{}).MethodByName("MarshalJSON"); ok {
		t.Error("an object saying additionalProperties: true has JSON methods")
	}
}

func TestNamesTheModelTakesStayItsProperties(t *testing.T) {
	text := `{"AdditionalProperties":"p","marshalJSON":"q","odd name":"r","z":[true]}`
	clash, data := roundTrip[Clash](t, text)
	sameJSONText(t, data, text)
	if *clash.AdditionalProperties != "p" || *clash.MarshalJSON2 != "q" || *clash.OddName != "r" {
		t.Errorf("clash: got %+v", clash)
	}
	if z := clash.AdditionalProperties2["z"]; len(z) != 1 || !z[0] || len(clash.AdditionalProperties2) != 1 {
		t.Errorf("clash's others: got %v", clash.AdditionalProperties2)
	}
}

func TestListedNamesInTheMapAreNotWrittenAgain(t *testing.T) {
	id := "a"
	data, err := json.Marshal(Open{ID: id, AdditionalProperties: map[string]json.RawMessage{
		"id": json.RawMessage(`"other"`), "b": json.RawMessage(`2`), "a": json.RawMessage(`1`),
	}})
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != `{"id":"a","a":1,"b":2}` {
		t.Errorf("got %s", data)
	}
	data, err = json.Marshal(Tags{AdditionalProperties: map[string]string{"color": "red"}})
	if err != nil || string(data) != `{"color":"red"}` {
		t.Errorf("got %s, %v", data, err)
	}
	data, err = json.Marshal(Tags{})
	if err != nil || string(data) != `{}` {
		t.Errorf("got %s, %v", data, err)
	}
	var open Open
	if err := json.Unmarshal([]byte(`null`), &open); err != nil || open.AdditionalProperties != nil {
		t.Errorf("null: got %+v, %v", open, err)
	}
}
"""


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    reason = go_missing()
    if reason is not None:
        pytest.skip(reason)
    root = tmp_path_factory.mktemp("go-others")
    spec = root / "things.json"
    spec.write_text(json.dumps(DOCUMENT), encoding="utf-8")
    out = root / "things"
    result = generate(["generate", "--style", "go", "--spec", str(spec), "--out", str(out), "--name", "things", "-q"])
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_unlisted_properties_survive_decode_and_encode_in_the_generated_package(package: Path) -> None:
    (package / "others_test.go").write_text(ROUND_TRIPS, encoding="utf-8")
    formatted = go(["gofmt", "-l", "."], package)
    assert formatted.returncode == 0 and formatted.stdout == "", formatted.stdout + formatted.stderr
    vet = go(["go", "vet", "./..."], package)
    assert vet.returncode == 0, vet.stdout + vet.stderr
    tested = go(["go", "test", "-count=1", "./..."], package)
    assert tested.returncode == 0, tested.stdout + tested.stderr


def test_the_generated_tests_expect_the_unlisted_properties_back(package: Path) -> None:
    tests = (package / "service_default_test.go").read_text(encoding="utf-8")
    decoded = [
        line.split("expectJSON(t, encode(t, out), ")[1] for line in tests.splitlines() if "encode(t, out)" in line
    ]
    # what the answer decodes to: a constant of the file (a long JSON text), written where it is defined
    constants = {line.split()[0]: line for line in tests.splitlines() if line.startswith("\tjsonOf")}
    expected = [constants[name.removesuffix(")")] for name in decoded if name.removesuffix(")") in constants]
    assert len(expected) == 1 and "clash" in expected[0], decoded
    assert '\\"z\\":[true]' in expected[0]  # the example's unlisted property
    assert '\\"dropped\\"' not in expected[0]  # those of objects without a map


def test_the_package_readme_says_which_models_keep_what(package: Path) -> None:
    readme = (package / "README.md").read_text(encoding="utf-8")
    assert "keeps them in its `AdditionalProperties` map, of that schema's type" in readme


def _models(load_spec: Any) -> ModelSet:
    api, diagnostics = load_spec(DOCUMENT, name="things.json")
    assert api is not None, diagnostics.errors
    return build_models(api, body_roots(api), set())


def test_each_model_gets_the_map_its_schema_allows(load_spec: Any) -> None:
    found = {m.name: m.others and (m.others.name, m.others.type) for m in _models(load_spec).models}
    assert found == {
        "Bag": ("AdditionalProperties", RAW),  # any object, as Azure means any value
        "Clash": ("AdditionalProperties2", "[]bool"),  # a property took the name first
        "Closed": None,  # additionalProperties: false
        "Counts": ("AdditionalProperties", "int64"),
        "Loose": None,  # additionalProperties: true, as if not said
        "Maybe": ("AdditionalProperties", "*string"),  # a null stays null
        "Nested": ("AdditionalProperties", "Closed"),
        "Open": ("AdditionalProperties", RAW),  # a schema of any value: the JSON as received
        "Others": None,
        "Tags": ("AdditionalProperties", "string"),
    }


def test_a_property_named_like_a_json_method_gets_another_field_name(load_spec: Any) -> None:
    clash = next(m for m in _models(load_spec).models if m.name == "Clash")
    assert [f.name for f in clash.fields] == ["AdditionalProperties", "MarshalJSON2", "OddName"]


def test_what_the_tests_expect_back_keeps_the_others_a_map_takes(load_spec: Any) -> None:
    models = _models(load_spec)
    others = ir.RefSchema(name="Others", origin=ir.Origin(file="things.json"))
    example = DOCUMENT["components"]["schemas"]["Others"]["example"]
    expected = json.loads(json.dumps(example))
    del expected["closed"]["dropped"], expected["nested"]["one"]["dropped"], expected["loose"]["dropped"]
    assert kept(models.types, others, example) == expected
