"""Discriminated unions inside models decoded by their discriminator, in both styles.

A union with a ``discriminator`` may sit anywhere in a body: a property, a list's item, a
map's value, several levels down, inside one of its own variants. One minimal document holds
each place, with and without a ``mapping``; it is generated once per style into a temporary
folder, type-checked (``mypy --strict``, ``tsc --strict``), and its client is driven against
answers that put a value the discriminator does not map (or no value) at each place: the
decoding error names where it is, in the same words in both styles.
"""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from pathlib import Path

import pytest
from hostile import harness

from generator.core.discriminators import tagged
from generator.ir import Discriminator, NamedSchema, ObjectSchema, Origin, Property, RefSchema, UnionSchema
from generator.styles.typescript.readers import TsReaders, needing_readers
from generator.styles.typescript.types import TsTypes

SECONDS = 300.0
HERE = Origin(file="spec.yaml")

DOCUMENT = """
openapi: 3.1.0
info: {title: Unions, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /zoo:
    get:
      operationId: getZoo
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Zoo'}}}}
  /pets:
    get:
      operationId: listPets
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}}}
  /shape:
    get:
      operationId: getShape
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Shape'}}}}
components:
  schemas:
    Zoo:
      type: object
      required: [star]
      properties:
        star: {$ref: '#/components/schemas/Pet'}
        pets: {type: array, items: {$ref: '#/components/schemas/Pet'}}
        byName: {type: object, additionalProperties: {$ref: '#/components/schemas/Pet'}}
        nested:
          type: object
          properties:
            deeper:
              type: array
              items: {type: object, additionalProperties: {$ref: '#/components/schemas/Pet'}}
        shapes: {type: array, items: {$ref: '#/components/schemas/Shape'}}
        inline:
          oneOf: [{$ref: '#/components/schemas/Circle'}, {$ref: '#/components/schemas/Square'}]
          discriminator: {propertyName: kind}
        tree: {$ref: '#/components/schemas/Node'}
        open: {$ref: '#/components/schemas/Loose'}
    Pet:
      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
      discriminator:
        propertyName: petType
        mapping: {cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog'}
    Cat:
      type: object
      required: [petType]
      properties: {petType: {type: string}, meow: {type: boolean}}
    Dog:
      type: object
      required: [petType]
      properties:
        petType: {type: string}
        bark: {type: boolean}
        friend: {$ref: '#/components/schemas/Pet'}
    Shape:
      anyOf: [{$ref: '#/components/schemas/Circle'}, {$ref: '#/components/schemas/Square'}]
      discriminator: {propertyName: kind}
    Circle:
      type: object
      required: [kind]
      properties: {kind: {type: string}, radius: {type: number}}
    Square:
      type: object
      required: [kind]
      properties: {kind: {type: string}, side: {type: number}}
    Node:
      oneOf: [{$ref: '#/components/schemas/Leaf'}, {$ref: '#/components/schemas/Branch'}]
      discriminator:
        propertyName: type
        mapping: {leaf: '#/components/schemas/Leaf', branch: '#/components/schemas/Branch'}
    Leaf:
      type: object
      required: [type]
      properties: {type: {type: string}, value: {type: integer}}
    Branch:
      type: object
      required: [type, children]
      properties:
        type: {type: string}
        children: {type: array, items: {$ref: '#/components/schemas/Node'}}
    Loose:
      oneOf:
        - {$ref: '#/components/schemas/Circle'}
        - {type: object, properties: {kind: {type: string}, note: {type: string}}}
      discriminator: {propertyName: kind}
"""

CAT = {"petType": "cat"}
GOOD = json.dumps(
    {
        "star": {"petType": "dog", "friend": CAT},
        "pets": [CAT],
        "tree": {"type": "branch", "children": [{"type": "leaf"}]},
        "shapes": [{"kind": "Square"}],
        "open": {"kind": "other"},  # an open union: "other" may be its inline variant
    }
)
PETS = '("cat", "dog")'
SHAPES = '("Circle", "Square")'
NODES = '("leaf", "branch")'
TWIG = {"type": "branch", "children": [{"type": "branch", "children": [{"type": "twig"}]}]}


def unmapped(at: str, prop: str, value: str, known: str) -> str:
    return f"at {at}: {prop} is {value}, none of the values the spec maps {known}"


def missing(at: str, prop: str, known: str) -> str:
    return f"at {at}: {prop} is missing; it chooses the variant {known}"


CASES: tuple[tuple[str, str, str], ...] = tuple(
    (operation, json.dumps(body), problem)
    for operation, body, problem in (
        # (operation, body, the problem the decoding error names)
        ("zoo", {"star": {"petType": "fish"}}, unmapped("$.star", "petType", '"fish"', PETS)),
        ("zoo", {"star": CAT, "pets": [CAT, {"meow": True}]}, missing("$.pets[1]", "petType", PETS)),
        (
            "zoo",
            {"star": CAT, "byName": {"a b": {"petType": "x"}}},
            unmapped('$.byName["a b"]', "petType", '"x"', PETS),
        ),
        (
            "zoo",
            {"star": CAT, "nested": {"deeper": [{}, {"k": {"petType": 3}}]}},
            unmapped("$.nested.deeper[1].k", "petType", "3", PETS),
        ),
        ("zoo", {"star": CAT, "shapes": [{"kind": "circle"}]}, unmapped("$.shapes[0]", "kind", '"circle"', SHAPES)),
        ("zoo", {"star": CAT, "inline": {"kind": "Triangle"}}, unmapped("$.inline", "kind", '"Triangle"', SHAPES)),
        ("zoo", {"star": CAT, "tree": TWIG}, unmapped("$.tree.children[0].children[0]", "type", '"twig"', NODES)),
        (
            "zoo",
            {"star": {"petType": "dog", "friend": {"petType": "dog", "friend": {}}}},
            missing("$.star.friend.friend", "petType", PETS),
        ),
        ("pets", [CAT, CAT, {"petType": "cow"}], unmapped("$[2]", "petType", '"cow"', PETS)),
        ("shape", {"kind": "Hexagon"}, unmapped("$", "kind", '"Hexagon"', SHAPES)),
    )
)

PY_PROBE = """
import json
import sys

import httpx
from unions import ResponseDecodeError, Unions, models

def client(body):
    http = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, content=body.encode())))
    return Unions(base_url="https://api.example.test", http_client=http)

CALLS = {
    "zoo": lambda c: c.default.get_zoo(),
    "pets": lambda c: c.default.list_pets(),
    "shape": lambda c: c.default.get_shape(),
}
zoo = client(GOOD).default.get_zoo()
assert isinstance(zoo.star, models.Dog) and isinstance(zoo.star.friend, models.Cat), zoo
for operation, body, _ in CASES:
    try:
        CALLS[operation](client(body))
    except ResponseDecodeError as error:
        print(str(error))
    else:
        print("decoded " + body)
"""

TS_PROBE = """
import { test } from "node:test";
import { Unions, ResponseDecodeError } from "../src/index.js";

function answering(body: string): Unions {
  const fetch = async () => new Response(body, { headers: { "content-type": "application/json" } });
  return new Unions({ baseUrl: "https://api.example.test", fetch });
}

const CALLS: Record<string, (client: Unions) => Promise<unknown>> = {
  zoo: (c) => c.default_.getZoo(),
  pets: (c) => c.default_.listPets(),
  shape: (c) => c.default_.getShape(),
};

test("probe", async () => {
  const good = await answering(GOOD).default_.getZoo();
  if (JSON.stringify(good) !== JSON.stringify(JSON.parse(GOOD))) throw new Error("the good body changed");
  for (const [operation, body] of CASES) {
    try {
      await CALLS[operation]!(answering(body));
      console.log(`RESULT decoded ${body}`);
    } catch (error) {
      console.log(`RESULT ${error instanceof ResponseDecodeError ? error.message : String(error)}`);
    }
  }
});
"""


def _expected() -> list[str]:
    return [f"cannot decode the 200 response: {problem}" for _, _, problem in CASES]


def _generate(root: Path, style: str) -> Path:
    spec = root / "unions.yaml"
    spec.write_text(DOCUMENT, encoding="utf-8")
    out = root / f"unions-{style}"
    generated = harness.generator(
        "generate", "--spec", str(spec), "--name", "unions", "--out", str(out), "--style", style
    )
    generated.check_bounds()
    assert generated.returncode == 0, generated.stderr[-3000:]
    return out


def test_python_decodes_unions_wherever_they_are(tmp_path: Path) -> None:
    out = _generate(tmp_path, "python")
    cases = "\n".join(f"{name} = {value!r}" for name, value in (("GOOD", GOOD), ("CASES", CASES)))
    probe = harness.run_bounded([sys.executable, "-c", cases + textwrap.dedent(PY_PROBE)], cwd=out, timeout=SECONDS)
    probe.check_bounds()
    assert probe.returncode == 0, probe.stderr[-3000:]
    assert probe.stdout.splitlines() == _expected()
    cache = ["--cache-dir", str(tmp_path / ".mypy")]
    mypy = harness.run_bounded([sys.executable, "-m", "mypy", "--strict", *cache, "unions"], cwd=out, timeout=SECONDS)
    assert mypy.returncode == 0, mypy.stdout[-3000:]


def test_typescript_decodes_unions_wherever_they_are(tmp_path: Path) -> None:
    if shutil.which("node") is None or not (harness.ROOT / "node_modules/.bin/tsc").exists():
        pytest.skip("TypeScript is not installed")
    out = _generate(tmp_path, "typescript")
    rows = ", ".join(f"[{_ts(op)}, {_ts(body)}]" for op, body, _ in CASES)
    source = f"const GOOD = {_ts(GOOD)};\nconst CASES: [string, string][] = [{rows}];\n" + textwrap.dedent(TS_PROBE)
    (out / "test" / "probe.test.ts").write_text(source, encoding="utf-8")
    (out / "node_modules").symlink_to(harness.ROOT / "node_modules", target_is_directory=True)
    tsc = harness.run_bounded(
        [str(harness.ROOT / "node_modules/.bin/tsc"), "--strict", "-p", str(out)], cwd=out, timeout=SECONDS
    )
    assert tsc.returncode == 0, tsc.stdout[-3000:]
    run = harness.run_bounded(["node", "--test", "dist/test/"], cwd=out, timeout=SECONDS)
    assert run.returncode == 0, run.stdout[-3000:]  # the package's own tests too: its examples choose their variants
    said = [line.split("RESULT ", 1)[1] for line in run.stdout.splitlines() if "RESULT " in line]
    assert said == _expected()


def _ts(text: str) -> str:
    return json.dumps(text)


# --------------------------------------------------------------------- what the styles are told


def _variant(name: str, *properties: Property) -> NamedSchema:
    return NamedSchema(name=name, schema=ObjectSchema(properties=properties, origin=HERE), origin=HERE)


def _union(*variants: str, mapping: tuple[tuple[str, str], ...] = (), inline: bool = False) -> UnionSchema:
    refs: list[RefSchema | ObjectSchema] = [RefSchema(name=v, origin=HERE) for v in variants]
    if inline:
        refs.append(ObjectSchema(origin=HERE))
    disc = Discriminator(property_name="kind", mapping=mapping)
    return UnionSchema(variants=tuple(refs), discriminator=disc, origin=HERE)


def test_a_union_is_closed_when_mapped_or_every_variant_is_named() -> None:
    assert tagged(_union("A", "B", mapping=(("a", "A"),))).closed  # type: ignore[union-attr]
    assert tagged(_union("A", "B")).closed  # type: ignore[union-attr]
    open_union = tagged(_union("A", "B", inline=True))
    assert open_union is not None and not open_union.closed  # an unknown value may be the inline variant


def test_typescript_reads_only_schemas_that_hold_a_union() -> None:
    recursive = Property(name="next", schema=RefSchema(name="Either", origin=HERE), required=False, origin=HERE)
    named = [
        NamedSchema(name="Either", schema=_union("A", "B"), origin=HERE),
        _variant("A"),
        _variant("B", recursive),
        _variant("Plain"),
        NamedSchema(name="Open", schema=_union("A", "Plain", inline=True), origin=HERE),
    ]
    names = {n.name: n.name for n in named}
    types = TsTypes(names, {n.name: n for n in named})
    readers = needing_readers(types, names)
    assert readers == {"B": "readB", "Either": "readEither"}  # an open union of plain variants has nothing to read
    assert TsReaders(readers).expr(named[0].schema) == 'rt.taggedOf("kind", [[["A"]], [["B"], readB]], true)'
    assert TsReaders(readers).expr(named[4].schema) is None
