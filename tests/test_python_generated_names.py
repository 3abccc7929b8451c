"""Python view-models: argument lists the templates print as they are, and names generated code introduces."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hostile import harness

from generator.core.operations import HelperKind, split_path
from generator.ir import ObjectSchema
from generator.styles.python.operations import SAVE_PARAMETERS, ArgVM, HelperVM

if TYPE_CHECKING:  # the name conftest is ambiguous at run time (tests/runtime/conftest.py)
    from conftest import LoadSpec


def _arg(name: str) -> ArgVM:
    return ArgVM(name=name, hint="str", default=None, description=None)


def test_a_helper_without_arguments_passes_only_the_request_options() -> None:
    helper = HelperVM(HelperKind.SAVE_STREAM, "get_spec_to_file", ())
    assert helper.call_args == "request_options=request_options"


def test_a_helper_passes_each_argument_by_name_then_the_request_options() -> None:
    helper = HelperVM(HelperKind.SAVE_STREAM, "get_to_file", (_arg("id"), _arg("size")))
    assert helper.call_args == "id=id, size=size, request_options=request_options"


def test_a_page_call_without_other_arguments() -> None:
    helper = HelperVM(HelperKind.PAGINATE, "iter_items", (), page_arg="page")
    assert helper.page_call_args == "page=_page, request_options=request_options"


def test_a_status_call_that_takes_nothing_from_the_started_job() -> None:
    assert HelperVM(HelperKind.JOB, "run_job", (), forwards=()).poll_call_args == "request_options=request_options"
    forwards = ("job_id=_started.id",)
    assert HelperVM(HelperKind.JOB, "run_job", (), forwards=forwards).poll_call_args == (
        "job_id=_started.id, request_options=request_options"
    )


def test_a_helpers_parameters_are_decided_by_its_kind_in_the_view_model() -> None:
    tail = "request_options: _rt.RequestOptions | None = None"
    save = HelperVM(HelperKind.SAVE_REDIRECT, "get_to_file", (_arg("id"),))
    assert save.signature == ", ".join(["self", "*", "id: str", *SAVE_PARAMETERS, tail])
    assert save.save_options[-1] == "retry=self._core.retry"
    many = HelperVM(HelperKind.SAVE_MANY, "get_many", (ArgVM("ids", "Iterable[str]", None, None, keyword_only=False),))
    assert many.signature.startswith("self, ids: Iterable[str], *, folder: _rt.PathLike, ") and many.save_options == ()
    wait = HelperVM(HelperKind.WAIT_READY, "wait_for_it", ())
    assert wait.signature == f"self, *, timeout: float = 300.0, poll_interval: float = 5.0, {tail}"
    assert HelperVM(HelperKind.PAGINATE, "iter_items", (_arg("q"),)).signature == f"self, *, q: str, {tail}"
    template = Path(__file__).parent.parent / "templates" / "python" / "package" / "resource.py.j2"
    assert "parameters(" not in template.read_text("utf-8")  # the template prints the view-model's signatures


LOCALS_DOCUMENT = """
openapi: 3.0.3
info: {title: Locals, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /render:
    post:
      operationId: render
      parameters:
"""
HELPER_AND_LOCAL_NAMES = ("body", "request_options", "path", "overwrite", "progress", "timeout", "poll_interval")
LOCALS_DOCUMENT += "".join(
    f"        - {{name: {name}, in: query, schema: {{type: string}}}}\n" for name in HELPER_AND_LOCAL_NAMES
)
LOCALS_DOCUMENT += """
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [body]
              properties:
                body: {type: object, properties: {enabled: {type: boolean}}}
"""
LOCALS_DOCUMENT += "".join(f"                {name}: {{type: integer}}\n" for name in HELPER_AND_LOCAL_NAMES[1:])
LOCALS_DOCUMENT += """
      responses:
        "200": {description: the file, content: {image/png: {schema: {type: string, format: binary}}}}
  /result:
    get:
      operationId: getResult
      parameters:
"""
LOCALS_DOCUMENT += "".join(
    f"        - {{name: {name}, in: query, schema: {{type: string}}}}\n" for name in HELPER_AND_LOCAL_NAMES
)
LOCALS_DOCUMENT += """
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {type: object, properties: {url: {type: string}}}}}
        "409": {description: not ready}
"""


def test_spec_names_never_rebind_the_locals_and_helper_arguments_of_a_method(tmp_path: Path) -> None:
    """Parameters and body properties named like a method's locals (``body``) or a helper's own arguments
    (``path``, ``overwrite``, ``progress``, ``timeout``, ``poll_interval``): the package type-checks."""
    spec = tmp_path / "locals.yaml"
    spec.write_text(LOCALS_DOCUMENT, encoding="utf-8")
    out = tmp_path / "out"
    generated = harness.generator(
        "generate", "--spec", str(spec), "--name", "locs", "--out", str(out), "--style", "python"
    )
    generated.check_bounds()
    assert generated.returncode == 0, generated.stderr
    resource = (out / "locs" / "resources" / "default.py").read_text(encoding="utf-8")
    assert "def render_to_file(" in resource and "def wait_for_result(" in resource
    mypy = harness.run_bounded(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / ".mypy"), "locs"], cwd=out, timeout=300
    )
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr


RECURSIVE_BODY = """
openapi: 3.0.3
info: {title: Trees, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /trees:
    post:
      operationId: putTree
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/Tree'}}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Forest'}}}}
components:
  schemas:
    Tree:
      type: object
      additionalProperties: {$ref: '#/components/schemas/Tree'}
    Forest:
      type: array
      items: {oneOf: [{$ref: '#/components/schemas/Forest'}, {$ref: '#/components/schemas/Leaf'}]}
    Leaf: {type: object, properties: {size: {type: integer}}}
"""


def test_an_alias_that_contains_itself_is_encoded_and_decoded(tmp_path: Path) -> None:
    """A map of itself sent as a body, a list of itself (or models) received: expanded once, then taken as it is."""
    spec = tmp_path / "trees.yaml"
    spec.write_text(RECURSIVE_BODY, encoding="utf-8")
    out = tmp_path / "out"
    generated = harness.generator(
        "generate", "--spec", str(spec), "--name", "trees", "--out", str(out), "--style", "python"
    )
    generated.check_bounds()
    assert generated.returncode == 0, generated.stderr
    resource = (out / "trees" / "resources" / "default.py").read_text(encoding="utf-8")
    assert "_rt.encode_json(v0)" in resource and "Leaf.from_dict(x)" in resource, resource
    mypy = harness.run_bounded(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / ".mypy"), "trees"],
        cwd=out,
        timeout=300,
    )
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr


@pytest.mark.parametrize("version", ["swagger", "openapi"])
def test_a_path_key_is_cut_at_its_fragment_with_a_located_warning(load_spec: LoadSpec, version: str) -> None:
    """``/jobs/{id}/done?final=1#checksum``: the fixed query stays, the fragment is never part of the path."""
    op = {"operationId": "done", "responses": {"204": {"description": "none"}}}
    op["parameters"] = [{"name": "id", "in": "path", "required": True, "type": "string"}]
    head = {"swagger": "2.0"} if version == "swagger" else {"openapi": "3.0.3"}
    if version == "openapi":
        op["parameters"] = [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}]
    spec = {**head, "info": {"title": "T", "version": "1"}, "paths": {"/jobs/{id}/done?final=1#checksum": {"put": op}}}
    api, diagnostics = load_spec(spec)
    assert api is not None, [d.format() for d in diagnostics]
    (operation,) = api.operations
    assert operation.path == "/jobs/{id}/done?final=1"
    assert split_path(operation) == ("/jobs/{id}/done", [("final", "1")])
    (warning,) = [d.format() for d in diagnostics if "fragment" in d.format()]
    assert "#/paths/~1jobs~1{id}~1done?final=1#checksum" in warning and "warning[W005]" in warning, warning


def _all_of_spec(second: dict[str, Any], **own: Any) -> dict[str, Any]:
    base = {"type": "object", "nullable": True, "properties": {"id": {"type": "string"}}}
    combined = {"allOf": [{"$ref": "#/components/schemas/Base"}, second], **own}
    ok = {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/C"}}}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "paths": {"/c": {"get": {"operationId": "getC", "responses": ok}}},
        "components": {"schemas": {"Base": base, "C": combined}},
    }


EXTRA = {"type": "object", "properties": {"extra": {"type": "string"}}}


@pytest.mark.parametrize(
    ("second", "own", "nullable"),
    [
        ({**EXTRA, "nullable": True}, {}, True),
        (EXTRA, {}, False),
        ({**EXTRA, "nullable": True}, {"type": "object"}, False),
        (EXTRA, {"nullable": True}, True),
    ],
    ids=["every-part-nullable", "one-part-not", "own-type-says-not", "own-nullable"],
)
def test_an_all_of_over_nullable_objects_is_nullable(
    load_spec: LoadSpec, second: dict[str, Any], own: dict[str, Any], nullable: bool
) -> None:
    api, diagnostics = load_spec(_all_of_spec(second, **own))
    assert api is not None, [d.format() for d in diagnostics]
    (combined,) = [s.schema for s in api.schemas if s.name == "C"]
    assert isinstance(combined, ObjectSchema) and [p.name for p in combined.properties] == ["id", "extra"]
    assert combined.nullable is nullable


TAGGED = """
openapi: 3.0.3
info: {title: Pets, version: "1"}
servers: [{url: "https://api.example.test"}]
paths:
  /pet:
    get:
      operationId: getPet
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
  /mapped:
    get:
      operationId: getMapped
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Mapped'}}}}
components:
  schemas:
    Pet:
      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
      discriminator: {propertyName: kind}
    Mapped:
      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
      discriminator: {propertyName: kind, mapping: {c: '#/components/schemas/Cat', d: '#/components/schemas/Dog'}}
    Cat: {type: object, required: [kind], properties: {kind: {type: string}, meow: {type: boolean}}}
    Dog: {type: object, required: [kind], properties: {kind: {type: string}, bark: {type: boolean}}}
"""

TAGGED_PROBE = """
import httpx
from pets import Pets, ResponseDecodeError, models

def client(body):
    answer = httpx.Response(200, json=body)
    http = httpx.Client(transport=httpx.MockTransport(lambda r: answer))
    return Pets(base_url="https://api.example.test", http_client=http)

dog = client({"kind": "Dog", "bark": True}).default.get_pet()
assert isinstance(dog, models.Dog) and dog.to_dict() == {"kind": "Dog", "bark": True}, dog
assert isinstance(client({"kind": "c", "bark": True}).default.get_mapped(), models.Cat)
assert isinstance(client({"kind": "d", "meow": True}).default.get_mapped(), models.Dog)
for kind, call in (("Bird", "get_pet"), ("Dog", "get_mapped")):
    try:  # the schema names, or the mapping, are every value the discriminator allows
        getattr(client({"kind": kind}).default, call)()
    except ResponseDecodeError as error:
        assert f'kind is "{kind}", none of the values the spec maps' in str(error), error
    else:
        raise AssertionError(f"an unnamed value was decoded by {call}")
"""


def test_a_discriminator_chooses_the_variant_it_names(tmp_path: Path) -> None:
    """The schema names (no mapping) or the mapping's values choose the variant; either is a closed set."""
    spec = tmp_path / "pets.yaml"
    spec.write_text(TAGGED, encoding="utf-8")
    out = tmp_path / "out"
    generated = harness.generator(
        "generate", "--spec", str(spec), "--name", "pets", "--out", str(out), "--style", "python"
    )
    generated.check_bounds()
    assert generated.returncode == 0, generated.stderr
    probe = harness.run_bounded([sys.executable, "-c", TAGGED_PROBE], cwd=out)
    assert probe.returncode == 0, probe.stderr[-3000:]
    mypy = harness.run_bounded(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / ".mypy"), "pets"], cwd=out, timeout=300
    )
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr


AMBIGUOUS_NAMES = """
openapi: 3.0.3
info: {title: Marks, version: "1"}
servers: [{url: "https://{region}.example.test", variables: {region: {default: eu}}}]
paths:
  /boards/{l}/since/{since}:
    get:
      operationId: getBoard
      parameters:
        - {name: l, in: path, required: true, schema: {type: string}}
        - {name: since, in: path, required: true, schema: {type: string, format: date-time, nullable: true}}
        - {name: quote, in: query, schema: {type: string}}
        - {name: I, in: query, schema: {type: integer}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/O'}}}}
components:
  schemas:
    O:
      type: object
      properties:
        l: {type: string}
        I: {type: integer}
        mark: {$ref: '#/components/schemas/Mark'}
    Mark: {type: string, enum: [X, O, I, l]}
"""


def test_names_pycodestyle_calls_ambiguous_are_never_generated(tmp_path: Path) -> None:
    """A property ``l``, a mark ``O``, a schema ``O``: ruff's E741-E743 refuse ``l``, ``O`` and ``I`` as names (the
    shared corpus's flickr and tic-tac-toe failed them); they get ``_``, as a keyword does, and the package passes.
    A parameter ``quote`` beside server variables imports nothing of the standard library's (Stripe's failed
    F401 and F811: the models and resources imported ``urllib.parse.quote`` for it). A nullable date-time path
    parameter is its conversion's only argument without doubled parentheses (Microsoft Graph's UP034)."""
    spec = tmp_path / "marks.yaml"
    spec.write_text(AMBIGUOUS_NAMES, encoding="utf-8")
    out = tmp_path / "out"
    generated = harness.generator("generate", "--spec", str(spec), "--name", "marks", "--out", str(out))
    generated.check_bounds()
    assert generated.returncode == 0, generated.stderr
    models = (out / "marks" / "models.py").read_text(encoding="utf-8")
    assert "    O_ = " in models and "    I_ = " in models and "    l_: str | None" in models and "class O_(" in models
    ruff = harness.run_bounded([str(Path(sys.executable).with_name("ruff")), "check", "--no-cache", "."], cwd=out)
    assert ruff.returncode == 0, ruff.stdout
    checked = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / ".mypy"), "marks"]
    mypy = harness.run_bounded(checked, cwd=out, timeout=300)
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr
