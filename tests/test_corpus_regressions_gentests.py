"""Shapes of real documents whose generated test suites failed, each as a minimal document.

Every case is generated into a temporary folder in each style it concerns, and the
generated package's own tests run in a child process, as the corpus sweep runs them
(``tests/corpus_regressions.py``, ``sweep/checks.py``: pytest for Python, ``tsc`` then
``node --test`` for TypeScript, ``go test`` for Go). A case fails when the generated tests do.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_regressions import assert_generated_tests_pass

from generator.core.inheritance import with_derived_unions
from generator.core.operations import ResponseKind, response_kind
from generator.core.schemas import schema_index
from generator.core.test_values import example, header_text, transported, walk
from generator.diagnostics import Diagnostics
from generator.ir import Api, PrimitiveSchema
from generator.pipeline import build_api

DATE_IN_UNION = """
swagger: "2.0"
info: {title: Jobs, version: "1"}
host: api.example.test
schemes: [https]
paths:
  /jobs:
    get:
      operationId: Jobs_List
      produces: [application/json]
      responses:
        "200": {description: ok, schema: {$ref: "#/definitions/JobResource"}}
definitions:
  JobResource:
    type: object
    properties:
      properties: {$ref: "#/definitions/Job"}
  Job:
    type: object
    discriminator: jobType
    required: [jobType]
    properties:
      jobType: {type: string}
      startTime: {type: string, format: date-time}
      day: {type: string, format: date}
  CopyJob:
    allOf: [{$ref: "#/definitions/Job"}]
    x-ms-discriminator-value: CopyJob
    properties:
      endTime: {type: string, format: date-time}
"""
"""azure.com recoveryservicesbackup-jobs: a date inside a discriminated union of a response body (Python compared
the date as written in the spec with the date the client writes back)."""

HEADERS = """
openapi: 3.0.3
info: {title: Objects, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /objects:
    get:
      operationId: ListObjects
      parameters:
        - name: x-amz-optional-object-attributes
          in: header
          schema: {type: array, items: {type: string, enum: [RestoreStatus, Owner]}}
        - name: x-counts
          in: header
          schema: {type: array, items: {type: integer}}
        - name: x-amz-fwd-header-Expires
          in: header
          schema: {type: string, format: date-time}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
    put:
      operationId: PutObject
      parameters:
        - {name: Content-Length, in: header, schema: {type: integer}}
      requestBody: {content: {application/octet-stream: {schema: {type: string, format: binary}}}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
"""
"""amazonaws.com s3: an array and a date-time in headers (Python sent ``['RestoreStatus']`` and
``2024-01-31 12:00:00+00:00``, Go ``["RestoreStatus"]``; the TypeScript and Go tests expected a list's repr), and
a ``Content-Length`` parameter (Go's tests expected it as passed, where ``net/http`` writes the body's length)."""

NO_CONTENT = """
openapi: 3.0.3
info: {title: Uploads, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /uploads/{id}:
    delete:
      operationId: AbortUpload
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "204": {description: done, content: {text/xml: {schema: {$ref: "#/components/schemas/AbortOutput"}}}}
    put:
      operationId: TagUpload
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "204": {description: done, content: {application/json: {schema: {$ref: "#/components/schemas/AbortOutput"}}}}
components:
  schemas:
    AbortOutput:
      type: object
      properties: {RequestCharged: {type: string}}
"""
"""amazonaws.com s3: content declared for a 204 response, which never carries any (the TypeScript tests built a 204
answer with a body, which fetch refuses; a client decoding an empty 204 would fail on every real answer)."""

DEFAULT_ONLY = """
openapi: 3.0.1
info: {title: Addons, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /addons:
    post:
      operationId: createAddon
      requestBody: {content: {application/json: {schema: {type: object}}}}
      responses:
        default: {description: default response, content: {"*/*": {schema: {$ref: "#/components/schemas/Result"}}}}
components:
  schemas:
    Result:
      type: object
      properties: {name: {type: string}}
"""
"""clever-cloud.com: the success body documented only by a ``default`` response (Python's tests answered an empty
204, which the client, decoding the documented body, refused)."""

DEFAULT_ONLY_JSON = DEFAULT_ONLY.replace('"*/*"', "application/json")
"""miataru.com: the same with ``application/json``: the client decodes the model, Python's tests answered 204."""

CASES = {
    "default_only_json": (DEFAULT_ONLY_JSON, ("python", "typescript")),
    "date_in_union": (DATE_IN_UNION, ("python", "typescript", "go")),
    "headers": (HEADERS, ("python", "typescript", "go")),
    "no_content": (NO_CONTENT, ("python", "typescript", "go")),
    "default_only": (DEFAULT_ONLY, ("python", "typescript", "go")),
}


@pytest.mark.parametrize(("case", "style"), [(case, style) for case, (_, styles) in CASES.items() for style in styles])
def test_generated_tests_pass(case: str, style: str, tmp_path: Path) -> None:
    assert_generated_tests_pass(tmp_path, CASES[case][0], style)


def _api(tmp_path: Path, text: str) -> Api:
    spec = tmp_path / "api.yaml"
    spec.write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    api = build_api([spec], diagnostics=diagnostics)
    assert api is not None, [str(d) for d in diagnostics]
    return with_derived_unions(api)


def test_a_date_inside_a_union_is_reached_through_the_variant_its_tag_names(tmp_path: Path) -> None:
    api = _api(tmp_path, DATE_IN_UNION)
    index = schema_index(api, [])
    schema = index.named["JobResource"].schema
    body = example(index, schema, reading=True)
    seen: list[str | None] = []

    def leaf(part: object, value: object) -> object:
        seen.append(part.format if isinstance(part, PrimitiveSchema) else None)
        return value

    copy = {**body["properties"], "jobType": "CopyJob", "endTime": "2024-01-31T12:00:00Z"}
    walk(index, schema, {"properties": copy}, leaf, drop_none=True)
    assert seen.count("date-time") == 2 and "date" in seen  # the CopyJob variant's endTime, and the parent's dates


def test_header_text_joins_a_list_and_transport_headers_are_not_expected() -> None:
    assert header_text(["RestoreStatus", "Owner"], str) == "RestoreStatus,Owner"
    assert header_text(True, lambda v: "true" if v else "false") == "true"
    assert not transported("content-length") and not transported("Content-Length") and transported("x-count")


def test_content_declared_for_a_204_makes_no_body(tmp_path: Path) -> None:
    api = _api(tmp_path, NO_CONTENT)
    assert {response_kind(op) for op in api.operations} == {ResponseKind.VOID}
    ok = _api(tmp_path, NO_CONTENT.replace('"204"', '"200"'))
    assert {response_kind(op) for op in ok.operations} == {ResponseKind.JSON}
