"""More shapes of real documents whose generated test suites failed, each as a minimal document.

Each case is generated in every style it concerns and the package's own tests run in a child
process, as ``test_corpus_regressions_gentests`` runs its cases (and as the corpus sweep does).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_regressions import assert_generated_tests_pass

from generator.core import test_credentials as credentials
from generator.diagnostics import Diagnostics
from generator.pipeline import build_api

MUTUAL_TLS_ONLY = """
openapi: 3.0.0
info: {title: Secrets, version: "1"}
servers: [{url: "https://api.example.test"}]
security: [{basicAuth: []}]
paths:
  /authn/{login}/authenticate:
    post:
      operationId: getAccessToken
      parameters: [{name: login, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
        "401": {description: unauthorized}
  /authn-k8s/{login}/authenticate:
    post:
      operationId: getAccessTokenViaKubernetes
      security: [{kubernetesMutualTls: []}]
      parameters: [{name: login, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
        "401": {description: unauthorized}
components:
  securitySchemes:
    basicAuth: {type: http, scheme: basic}
    kubernetesMutualTls: {type: http, scheme: mutual}
"""
"""conjur.local: an operation whose only security is mutual TLS, which no generated client sends (the TypeScript and
Go tests called it and got the client's missing-credentials error)."""

CHUNK = """
openapi: 3.0.0
info: {title: Registry, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /v2/{name}/blobs/{digest}#mode=chunk:
    get:
      operationId: Blob_GetChunk
      parameters:
        - {name: name, in: path, required: true, schema: {type: string}}
        - {name: digest, in: path, required: true, schema: {type: string}}
        - {name: Range, in: header, required: true, schema: {type: string}}
      responses:
        "206":
          description: the chunk
          content: {application/octet-stream: {schema: {type: string, format: binary}}}
"""
"""azure.com containerregistry: a chunk download whose success is 206 Partial Content, the part the call's own
``Range`` asks for (the clients' save helpers refused it as "a partial answer (206) to a request for the whole
file"; TypeScript's tests answered the 206, Python's answered 200 and hid it)."""

CHUNK_AND_BLOB = CHUNK.replace(
    "paths:\n",
    """paths:
  /v2/{name}/blobs/{digest}:
    get:
      operationId: Blob_Get
      parameters:
        - {name: name, in: path, required: true, schema: {type: string}}
        - {name: digest, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: the blob
          content: {application/octet-stream: {schema: {type: string, format: binary}}}
""",
)
"""azure.com containerregistry: the chunk download and the whole blob's on one route once the path's fragment is cut
(Go's fake answers both as the first, so the tests scripting the second, a cut body, saw the first's example)."""

CASES = {
    "mutual_tls_only": (MUTUAL_TLS_ONLY, ("python", "typescript", "go")),
    "chunk": (CHUNK, ("python", "typescript", "go")),
    "chunk_and_blob": (CHUNK_AND_BLOB, ("go",)),
}


@pytest.mark.parametrize(("case", "style"), [(case, style) for case, (_, styles) in CASES.items() for style in styles])
def test_generated_tests_pass(case: str, style: str, tmp_path: Path) -> None:
    assert_generated_tests_pass(tmp_path, CASES[case][0], style)


def test_an_operation_no_test_credential_satisfies_is_not_called(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(MUTUAL_TLS_ONLY, encoding="utf-8")
    api = build_api([spec], diagnostics=Diagnostics())
    assert api is not None
    auth = credentials.test_credentials(api, [("basicAuth", ["username", "password"])])
    called = {op.operation_id: auth.can_call(op) for op in api.operations}
    assert called == {"getAccessToken": True, "getAccessTokenViaKubernetes": False}
