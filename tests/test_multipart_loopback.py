"""A multipart form sent by a generated client, as a server reads it: one part per field and per file.

The client runs in a child process against a loopback HTTP server that parses the raw body
with the standard library's MIME parser (``email.parser.BytesParser``) under the request's own
Content-Type, so a body without a boundary, or files merged into one part, cannot pass.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hostile import harness

sys.path.insert(0, str(harness.ROOT / "tests" / "typescript"))
from ts_support import compile_package, node_missing

SPEC = """
openapi: 3.0.3
info: {title: Forms, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /upload:
    post:
      operationId: upload
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [photos, cover]
              properties:
                photos: {type: array, items: {type: string, format: binary}}
                cover: {type: string, format: binary}
                title: {type: string}
                tags: {type: array, items: {type: string}}
                public: {type: boolean}
                meta: {type: object, properties: {width: {type: integer}}}
      responses: {"204": {description: none}}
"""

SERVER = """
import email.parser
import email.policy
import http.server
import json
import threading

received = {}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        raw = self.rfile.read(int(self.headers["Content-Length"]))
        head = b"Content-Type: " + self.headers["Content-Type"].encode() + b"\\r\\n\\r\\n"
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + raw)
        received["content_type"] = message.get_content_type()
        received["parts"] = [
            [part.get_param("name", header="content-disposition"), part.get_filename(),
             part.get_content_type(), part.get_payload(decode=True).decode()]
            for part in message.iter_parts()
        ]
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
BASE = f"http://127.0.0.1:{server.server_address[1]}"
"""

PY_CLIENT = """
import io
from forms import Forms, models

with Forms(base_url=BASE) as client:
    client.default.upload(
        photos=[b"first", ("second.png", b"second", "image/png")],
        cover=io.BytesIO(b"cover"),
        title="Holiday",
        tags=["a", "b"],
        public=True,
        meta=models.UploadBodyMeta(width=3),
    )
print(json.dumps(received))
"""

TS_CLIENT = """
import subprocess
import sys

subprocess.run(["node", "--input-type=module", "-e", sys.argv[1], BASE], check=True)
print(json.dumps(received))
"""

TS_DRIVER = """
const { Forms } = await import(process.env.FORMS_INDEX);
const client = new Forms({ baseUrl: process.argv[1] });
await client.default_.upload({
  photos: [new Blob(["first"]), new File(["second"], "second.png", { type: "image/png" })],
  cover: new Blob(["cover"]),
  title: "Holiday",
  tags: ["a", "b"],
  public_: true,
  meta: { width: 3 },
});
"""


def _generate(tmp_path: Path, style: str) -> Path:
    spec = tmp_path / "forms.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    out = tmp_path / f"forms-{style}"
    outcome = harness.generator("generate", "--spec", str(spec), "--name", "forms", "--out", str(out), "--style", style)
    outcome.check_bounds()
    assert outcome.returncode == 0, outcome.stderr[-3000:]
    return out


def _received(outcome: harness.Outcome) -> dict[str, Any]:
    outcome.check_bounds()
    assert outcome.returncode == 0, outcome.stderr[-3000:]
    received: dict[str, Any] = json.loads(outcome.stdout.strip().splitlines()[-1])
    return received


def test_python_form_sends_each_file_as_its_own_part(tmp_path: Path) -> None:
    out = _generate(tmp_path, "python")
    models = (out / "forms" / "models.py").read_text(encoding="utf-8")
    assert "class UploadBodyMeta" in models, "the meta field's model is named otherwise"
    script = textwrap.dedent(SERVER) + textwrap.dedent(PY_CLIENT)
    received = _received(harness.run_bounded([sys.executable, "-c", script], cwd=out))
    assert received["content_type"] == "multipart/form-data"
    assert received["parts"] == [
        ["photos", "upload", "application/octet-stream", "first"],
        ["photos", "second.png", "image/png", "second"],
        ["cover", "upload", "application/octet-stream", "cover"],
        ["title", None, "text/plain", "Holiday"],
        ["tags", None, "text/plain", "a"],
        ["tags", None, "text/plain", "b"],
        ["public", None, "text/plain", "true"],
        ["meta", None, "application/json", '{"width": 3}'],
    ]


def test_typescript_form_sends_each_file_as_its_own_part(tmp_path: Path) -> None:
    if node_missing() is not None:
        pytest.skip(node_missing() or "")
    out = _generate(tmp_path, "typescript")
    compiled = compile_package(out, tmp_path / "build")
    assert compiled.returncode == 0, compiled.output[-3000:]
    script = textwrap.dedent(SERVER) + textwrap.dedent(TS_CLIENT)
    index = next((tmp_path / "build").rglob("src/index.js"))
    env = {"FORMS_INDEX": index.as_uri()}
    received = _received(harness.run_bounded([sys.executable, "-c", script, TS_DRIVER], cwd=out, env=env))
    assert received["content_type"] == "multipart/form-data"
    assert received["parts"] == [
        ["photos", "blob", "application/octet-stream", "first"],
        ["photos", "second.png", "image/png", "second"],
        ["cover", "blob", "application/octet-stream", "cover"],
        ["title", None, "text/plain", "Holiday"],
        ["tags", None, "text/plain", "a"],
        ["tags", None, "text/plain", "b"],
        ["public", None, "text/plain", "true"],
        ["meta", None, "text/plain", '{"width":3}'],
    ]
