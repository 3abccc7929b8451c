"""Inheritance-style discriminators: a parent object holds ``discriminator``, its children ``allOf`` it.

A value typed as the parent is the open discriminated union of the parent and its children
(``generator/core/inheritance.py``): the discriminator's value chooses the child (through the
mapping, else by the child's name), a value that names no child is the parent itself. One
minimal document is generated per style into a temporary folder, type-checked, and driven
with answers holding a mapped child, a child chosen by its name, an unknown value (the
parent) and a child whose own discriminated property names nothing (located, in the same
words in both styles); a child sent where the parent is expected keeps its fields. Redoc's
demos (OpenAPI 3.1 and Swagger 2.0, from the shared corpus) generate and type-check too.
"""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from pathlib import Path

import pytest
from hostile import harness

from generator.core.inheritance import hierarchies, with_derived_unions
from generator.diagnostics import Diagnostics
from generator.export import export_api
from generator.ir import Api, UnionSchema
from generator.pipeline import build_api

SECONDS = 300.0
CORPUS = Path("/work/shared/corpus")

DOCUMENT = """
openapi: 3.1.0
info: {title: Pets, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}}}
    post:
      operationId: addPet
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
components:
  schemas:
    Pet:
      type: object
      required: [name, petType]
      discriminator:
        propertyName: petType
        mapping: {cat: '#/components/schemas/Cat'}
      properties:
        name: {type: string}
        petType: {type: string}
        level: {type: integer, enum: [0, 1, 2]}
    Cat:
      description: redefines the parent's level with another type
      allOf:
        - $ref: '#/components/schemas/Pet'
        - type: object
          required: [huntingSkill]
          properties:
            huntingSkill: {type: string}
            level: {type: string}
    Dog:
      allOf:
        - $ref: '#/components/schemas/Pet'
        - type: object
          required: [packSize]
          properties:
            packSize: {type: integer, minimum: 1}
            toy: {$ref: '#/components/schemas/Toy'}
    Toy:
      oneOf: [{$ref: '#/components/schemas/Ball'}, {$ref: '#/components/schemas/Rope'}]
      discriminator: {propertyName: kind}
    Ball:
      type: object
      required: [kind]
      properties: {kind: {type: string}, size: {type: integer}}
    Rope:
      type: object
      required: [kind]
      properties: {kind: {type: string}, length: {type: integer}}
"""

CAT = {"name": "Tom", "petType": "cat", "huntingSkill": "lazy", "level": "high"}
DOG = {"name": "Rex", "petType": "Dog", "packSize": 3, "toy": {"kind": "Ball", "size": 2}}
FISH = {"name": "Nemo", "petType": "fish", "level": 1}
GOOD = json.dumps([CAT, DOG, FISH])
BAD = json.dumps([FISH, {**DOG, "toy": {"kind": "Kite"}}])
PROBLEM = (
    'cannot decode the 200 response: at $[1].toy: kind is "Kite", none of the values the spec maps ("Ball", "Rope")'
)
SENT = json.dumps({"huntingSkill": "lazy", "level": "high", "name": "Tom", "petType": "cat"}, sort_keys=True)

PY_PROBE = """
import json

import httpx
from pets import Pets, ResponseDecodeError
from pets.models import Cat, Dog, Pet

sent = []

def client(body):
    def answer(request):
        sent.append(request.content.decode())
        return httpx.Response(200, content=body.encode())
    return Pets(base_url="https://api.example.test", http_client=httpx.Client(transport=httpx.MockTransport(answer)))

cat, dog, fish = client(GOOD).default.list_pets()
assert type(cat) is Cat and cat.hunting_skill == "lazy" and cat.level == "high", cat
assert type(dog) is Dog and dog.pack_size == 3 and dog.toy is not None and dog.toy.size == 2, dog
assert type(fish) is Pet and fish.pet_type == "fish" and fish.level == 1, fish
client(json.dumps(CAT)).default.add_pet(body=Cat(name="Tom", pet_type="cat", hunting_skill="lazy", level="high"))
print(json.dumps(json.loads(sent[-1]), sort_keys=True))
try:
    client(BAD).default.list_pets()
except ResponseDecodeError as error:
    print(error)
"""

TS_PROBE = """
import { test } from "node:test";
import { Pets, ResponseDecodeError, models } from "../src/index.js";

const sent: string[] = [];

function answering(body: string): Pets {
  const fetch = async (_url: string | URL | Request, init?: RequestInit) => {
    if (typeof init?.body === "string") sent.push(init.body);
    return new Response(body, { headers: { "content-type": "application/json" } });
  };
  return new Pets({ baseUrl: "https://api.example.test", fetch });
}

test("probe", async () => {
  const pets = await answering(GOOD).default_.listPets();
  if (JSON.stringify(pets) !== JSON.stringify(JSON.parse(GOOD))) throw new Error("the decoded pets changed");
  const cat: models.Cat & { petType: "cat" } = { name: "Tom", petType: "cat", huntingSkill: "lazy", level: "high" };
  const fish: models.Pet = { name: "Nemo", petType: "fish" };
  await answering(GOOD).default_.addPet({ body: fish });
  await answering(GOOD).default_.addPet({ body: cat });
  const keys = JSON.parse(sent[sent.length - 1]!) as Record<string, unknown>;
  console.log(`RESULT ${JSON.stringify(Object.fromEntries(Object.entries(keys).sort()))}`);
  try {
    await answering(BAD).default_.listPets();
  } catch (error) {
    console.log(`RESULT ${error instanceof ResponseDecodeError ? error.message : String(error)}`);
  }
});
"""


def _api(tmp_path: Path, text: str = DOCUMENT) -> Api:
    spec = tmp_path / "pets.yaml"
    spec.write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    api = build_api([spec], diagnostics=diagnostics)
    assert api is not None, [str(d) for d in diagnostics]
    return api


def test_children_are_the_allof_schemas_and_mapping_targets(tmp_path: Path) -> None:
    found = hierarchies(_api(tmp_path))
    assert list(found) == ["Pet"]
    assert found["Pet"].members == (("Pet", ("Pet",)), ("Cat", ("cat",)), ("Dog", ("Dog",)))


def test_a_reference_to_the_parent_becomes_its_open_union(tmp_path: Path) -> None:
    api = with_derived_unions(_api(tmp_path))
    body = api.operation("addPet").request_body
    assert body is not None
    union = body.contents[0].schema
    assert isinstance(union, UnionSchema) and union.discriminator is not None and union.discriminator.open
    assert [v.name for v in union.variants] == ["Pet", "Cat", "Dog"]  # type: ignore[union-attr]


def test_an_api_without_a_parent_is_left_as_it_is(tmp_path: Path) -> None:
    api = _api(
        tmp_path,
        DOCUMENT.replace("discriminator:\n        propertyName: petType", "x-was:\n        propertyName: petType"),
    )
    assert with_derived_unions(api) is api


def test_the_export_keeps_the_parent_and_its_children(tmp_path: Path) -> None:
    schemas = export_api(_api(tmp_path))["components"]["schemas"]
    assert schemas["Pet"]["discriminator"] == {
        "propertyName": "petType",
        "mapping": {"cat": "#/components/schemas/Cat"},
    }
    assert schemas["Cat"]["allOf"][0] == {"$ref": "#/components/schemas/Pet"}


def _generate(root: Path, style: str, spec: Path | None = None, *extra: str) -> Path:
    if spec is None:
        spec = root / "pets.yaml"
        spec.write_text(DOCUMENT, encoding="utf-8")
    out = root / f"out-{style}"
    generated = harness.generator(
        "generate", "--spec", str(spec), "--name", "pets", "--out", str(out), "--style", style, *extra
    )
    generated.check_bounds()
    assert generated.returncode == 0, generated.stderr[-3000:]
    return out


def _mypy(root: Path, out: Path, package: str) -> None:
    cache = ["--cache-dir", str(root / ".mypy")]
    mypy = harness.run_bounded([sys.executable, "-m", "mypy", "--strict", *cache, package], cwd=out, timeout=SECONDS)
    assert mypy.returncode == 0, mypy.stdout[-3000:]


def _tsc(out: Path) -> None:
    (out / "node_modules").symlink_to(harness.ROOT / "node_modules", target_is_directory=True)
    tsc = harness.run_bounded(
        [str(harness.ROOT / "node_modules/.bin/tsc"), "--strict", "-p", str(out)], cwd=out, timeout=SECONDS
    )
    assert tsc.returncode == 0, tsc.stdout[-3000:]


def _needs_typescript() -> None:
    if shutil.which("node") is None or not (harness.ROOT / "node_modules/.bin/tsc").exists():
        pytest.skip("TypeScript is not installed")


def test_python_decodes_a_parent_by_its_discriminator(tmp_path: Path) -> None:
    out = _generate(tmp_path, "python")
    values = "".join(f"{name} = {value!r}\n" for name, value in (("GOOD", GOOD), ("BAD", BAD), ("CAT", CAT)))
    probe = harness.run_bounded([sys.executable, "-c", values + textwrap.dedent(PY_PROBE)], cwd=out, timeout=SECONDS)
    probe.check_bounds()
    assert probe.returncode == 0, probe.stderr[-3000:]
    assert probe.stdout.splitlines() == [SENT, PROBLEM]
    _mypy(tmp_path, out, "pets")
    tests = harness.run_bounded([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"], cwd=out)
    assert tests.returncode == 0, tests.stdout[-3000:]


def test_typescript_reads_a_parent_by_its_discriminator(tmp_path: Path) -> None:
    _needs_typescript()
    out = _generate(tmp_path, "typescript")
    consts = "".join(f"const {name} = {json.dumps(value)};\n" for name, value in (("GOOD", GOOD), ("BAD", BAD)))
    (out / "test" / "probe.test.ts").write_text(consts + textwrap.dedent(TS_PROBE), encoding="utf-8")
    _tsc(out)
    run = harness.run_bounded(["node", "--test", "dist/test/"], cwd=out, timeout=SECONDS)
    assert run.returncode == 0, run.stdout[-3000:]  # the package's own tests too
    said = [line.split("RESULT ", 1)[1] for line in run.stdout.splitlines() if "RESULT " in line]
    assert said == [SENT.replace(", ", ",").replace(": ", ":"), PROBLEM]


def test_go_compiles_a_parent_and_its_children(tmp_path: Path) -> None:
    if shutil.which("go") is None:
        pytest.skip("Go is not installed")
    out = _generate(tmp_path, "go")
    vet = harness.run_bounded(["go", "vet", "./..."], cwd=out, timeout=SECONDS)
    assert vet.returncode == 0, vet.stderr[-3000:]


@pytest.mark.parametrize("style", harness.STYLES)
@pytest.mark.parametrize("document", ["oas31/redoc-demo-openapi-3-1.yaml", "swagger2/redoc-demo-swagger.yaml"])
def test_redoc_demos_type_check(tmp_path: Path, document: str, style: str) -> None:
    spec = CORPUS / document
    if not spec.exists():
        pytest.skip("the shared corpus is not here")
    if style == "typescript":
        _needs_typescript()
    # the 3.1 demo's photoUrls default ([] for a string or integer) is invalid as shipped
    out = _generate(tmp_path, style, spec, "--validation", "warn")
    sources = "".join(f.read_text(encoding="utf-8") for f in sorted(out.rglob("*.py" if style == "python" else "*.ts")))
    if style == "python":
        assert "Pet | Cat | Dog | HoneyBee" in sources  # where the parent is expected
        _mypy(tmp_path, out, "pets")
    else:
        assert "Cat & { petType: " in sources
        _tsc(out)
