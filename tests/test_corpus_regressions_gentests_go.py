"""Real documents whose generated Go test suites failed, each as a minimal document run in every style.

Each case is generated and the package's own tests run in a child process, as
``test_corpus_regressions_gentests`` runs its cases.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_regressions import assert_generated_tests_pass, generate
from hostile import harness

UNDECLARED_IN_EXAMPLE = """
openapi: 3.0.0
info: {title: Registry, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /manifests:
    get:
      operationId: Manifests_GetList
      responses:
        "200":
          description: the manifests
          content: {application/json: {schema: {$ref: "#/components/schemas/AcrManifests"}}}
    patch:
      operationId: Manifests_Update
      requestBody:
        content: {application/json: {schema: {$ref: "#/components/schemas/ChangeableAttributes"}}}
      responses:
        "204": {description: updated}
components:
  schemas:
    AcrManifests:
      type: object
      properties:
        manifests: {type: array, items: {$ref: "#/components/schemas/ManifestAttributesBase"}}
      example:
        manifests: [{digest: d, changeableAttributes: {deleteEnabled: true, quarantineState: quarantined}}]
    ManifestAttributesBase:
      type: object
      properties:
        digest: {type: string}
        changeableAttributes: {$ref: "#/components/schemas/ChangeableAttributes"}
    ChangeableAttributes:
      properties:
        deleteEnabled: {type: boolean}
      example: {deleteEnabled: true, quarantineDetails: none}
"""
"""azure.com containerregistry: an example with a property its object's schema does not list (Go's tests expected
it back from a struct, which keeps only the properties it declares; Python's and TypeScript's models keep it)."""

VENDOR_JSON_BODY = """
openapi: 3.0.0
info: {title: Registry, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /v2/{name}/manifests/{reference}:
    put:
      operationId: Manifests_Create
      parameters:
        - {name: name, in: path, required: true, schema: {type: string}}
        - {name: reference, in: path, required: true, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/vnd.docker.distribution.manifest.v2+json:
            schema: {type: object, properties: {schemaVersion: {type: integer}}}
      responses:
        "201": {description: created}
"""
"""azure.com containerregistry: a JSON body whose only media type is a vendor's ``+json`` one (Go's client sent it as
application/json while its test expected the document's media type; Python's client and test both said application/json,
and a raw body went without any type; TypeScript's sent the document's)."""

CASES = {"undeclared-in-example": UNDECLARED_IN_EXAMPLE, "vendor-json-body": VENDOR_JSON_BODY}


@pytest.mark.parametrize(("case", "style"), [(case, style) for case in CASES for style in harness.GENERATION_STYLES])
def test_generated_tests_pass(case: str, style: str, tmp_path: Path) -> None:
    assert_generated_tests_pass(tmp_path, CASES[case], style)


def test_the_go_client_sends_a_json_body_with_its_media_type(tmp_path: Path) -> None:
    out = generate(tmp_path, VENDOR_JSON_BODY, "go")
    code = "\n".join(p.read_text(encoding="utf-8") for p in out.glob("*.go") if not p.name.endswith("_test.go"))
    assert 'req.ContentType = "application/vnd.docker.distribution.manifest.v2+json"' in code


def test_the_python_client_sends_a_body_with_its_media_type(tmp_path: Path) -> None:
    out = generate(tmp_path, VENDOR_JSON_BODY, "python")
    code = "\n".join(p.read_text(encoding="utf-8") for p in out.rglob("resources/*.py"))
    assert '{"Content-Type": "application/vnd.docker.distribution.manifest.v2+json"}' in code
