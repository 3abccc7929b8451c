"""Checks on the hand-written OpenAPI documents of the toolkit and scenario providers."""

import re
from pathlib import Path

import pytest
import yaml
from openapi_spec_validator import validate

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT / "specs"

MANIFEST_KEYS = {"provider", "package", "title", "base_url", "documents", "overlays"}
TARGET_FORMATS = {"gif", "heif", "jpeg", "jpg", "png", "svg", "webp", "avif", "tif", "tiff", "glb", "fbx", "obj"}
DOCS_OBJECT_NAME = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6.png"


def load(*parts: str) -> dict:
    return yaml.safe_load(SPECS.joinpath(*parts).read_text(encoding="utf-8"))


def resolve(doc: dict, node: dict) -> dict:
    """Follow local `$ref`s until a node without one."""
    seen = set()
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), ref
        assert ref not in seen, f"$ref cycle at {ref}"
        seen.add(ref)
        node = doc
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def operations(doc: dict) -> dict[str, dict]:
    found = {}
    for item in doc["paths"].values():
        for method, op in item.items():
            if method in {"get", "put", "post", "delete", "options", "head", "patch", "trace"}:
                found[op["operationId"]] = op
    return found


def json_schema(doc: dict, response: dict) -> dict:
    return resolve(doc, resolve(doc, response)["content"]["application/json"]["schema"])


@pytest.fixture(scope="module")
def toolkit() -> dict:
    return load("toolkit", "openapi.yaml")


@pytest.fixture(scope="module")
def scenario() -> dict:
    return load("scenario", "openapi.yaml")


# --------------------------------------------------------------------------- both providers


@pytest.mark.parametrize("provider", ["toolkit", "scenario"])
def test_document_validates(provider: str) -> None:
    doc = load(provider, "openapi.yaml")
    assert doc["openapi"] == "3.1.0"
    validate(doc)


@pytest.mark.parametrize(
    ("provider", "package", "base_url"),
    [
        ("toolkit", "toolkit_images", "https://image.toolkitapi.io"),
        ("scenario", "scenario_assets", "https://api.cloud.scenario.com/v1"),
    ],
)
def test_manifest(provider: str, package: str, base_url: str) -> None:
    manifest = load(provider, "provider.yaml")
    assert set(manifest) == MANIFEST_KEYS
    assert manifest["provider"] == provider
    assert manifest["package"] == package
    assert manifest["base_url"] == base_url
    assert manifest["overlays"] == []
    for name in manifest["documents"]:
        assert (SPECS / provider / name).is_file()
    doc = load(provider, manifest["documents"][0])
    assert [server["url"] for server in doc["servers"]] == [base_url]


@pytest.mark.parametrize("provider", ["toolkit", "scenario"])
def test_every_operation_is_tagged_download(provider: str) -> None:
    for op in operations(load(provider, "openapi.yaml")).values():
        assert op["tags"] == ["Download"]


@pytest.mark.parametrize("provider", ["toolkit", "scenario"])
def test_429_declares_retry_after(provider: str) -> None:
    doc = load(provider, "openapi.yaml")
    for op in operations(doc).values():
        too_many = resolve(doc, op["responses"]["429"])
        assert "Retry-After" in too_many["headers"]


# --------------------------------------------------------------------------- toolkit


@pytest.fixture(scope="module")
def object_name_pattern(toolkit: dict) -> str:
    op = operations(toolkit)["downloadImage"]
    (param,) = [resolve(toolkit, p) for p in op["parameters"]]
    assert param["name"] == "object_name" and param["in"] == "path"
    return param["schema"]["pattern"]


def matches(pattern: str, value: str) -> bool:
    # OpenAPI patterns are unanchored: a value is valid when the pattern is found anywhere in it.
    return re.search(pattern, value) is not None


def test_object_name_pattern_accepts_docs_example(toolkit: dict, object_name_pattern: str) -> None:
    assert re.fullmatch(object_name_pattern, DOCS_OBJECT_NAME)
    assert matches(object_name_pattern, DOCS_OBJECT_NAME)
    param = resolve(toolkit, operations(toolkit)["downloadImage"]["parameters"][0])
    assert DOCS_OBJECT_NAME in param["schema"]["examples"]


@pytest.mark.parametrize("ext", ["png", "jpg", "jpeg", "webp", "gif", "bmp", "tif", "tiff", "svg"])
def test_object_name_pattern_accepts_documented_formats(object_name_pattern: str, ext: str) -> None:
    assert matches(object_name_pattern, f"{'0' * 32}.{ext}")


@pytest.mark.parametrize(
    "value",
    [
        "a" * 31 + ".png",  # 31 hex characters
        "a" * 33 + ".png",  # 33 hex characters
        "A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6.png",  # upper-case hex
        "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6.txt",  # not an image
        "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6.pdf",  # not an image
        "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",  # no extension
        "g1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6.png",  # not hex
        "x" + DOCS_OBJECT_NAME,  # leading junk: the pattern must be anchored
        DOCS_OBJECT_NAME + ".exe",  # trailing junk
        "../" + DOCS_OBJECT_NAME,
    ],
)
def test_object_name_pattern_rejects(object_name_pattern: str, value: str) -> None:
    assert not re.fullmatch(object_name_pattern, value)
    assert not matches(object_name_pattern, value)


def test_toolkit_streams_binary_images(toolkit: dict) -> None:
    ok = operations(toolkit)["downloadImage"]["responses"]["200"]
    content = ok["content"]
    for media_type in ("image/png", "image/jpeg", "image/webp", "image/gif"):
        assert media_type in content
    for media_type, media in content.items():
        assert media_type.startswith("image/")
        assert media["schema"]["type"] == "string"
        assert media["schema"]["contentMediaType"] == media_type
        assert media["schema"]["format"] == "binary"
    assert {"Content-Type", "Content-Disposition", "Content-Length"} <= set(ok["headers"])


def test_toolkit_errors(toolkit: dict) -> None:
    responses = operations(toolkit)["downloadImage"]["responses"]
    for status in ("400", "401", "403", "404", "422", "429", "500"):
        schema = json_schema(toolkit, responses[status])
        assert schema is toolkit["components"]["schemas"]["Error"]
        assert "detail" in schema["properties"]


def test_toolkit_uses_api_key_header(toolkit: dict) -> None:
    schemes = toolkit["components"]["securitySchemes"]
    assert toolkit["security"] == [{"ApiKeyAuth": []}]
    scheme = schemes["ApiKeyAuth"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "X-API-Key")
    assert "toolkitapi.io/docs/authentication" in scheme["description"]


# --------------------------------------------------------------------------- scenario


def test_asset_ids_limited_to_1000(scenario: dict) -> None:
    op = operations(scenario)["requestBatchDownload"]
    body = resolve(scenario, op["requestBody"]["content"]["application/json"]["schema"])
    query = resolve(scenario, body["properties"]["query"])
    asset_ids = query["properties"]["assetIds"]
    assert asset_ids["type"] == "array"
    assert asset_ids["maxItems"] == 1000
    assert asset_ids["items"]["minLength"] == 1


def test_target_format_enum(scenario: dict) -> None:
    op = operations(scenario)["requestAssetDownload"]
    body = resolve(scenario, op["requestBody"]["content"]["application/json"]["schema"])
    enum = body["properties"]["targetFormat"]["enum"]
    assert len(enum) == 13
    assert set(enum) == TARGET_FORMATS
    assert "targetFormat" not in body.get("required", [])


def test_scenario_uses_http_basic(scenario: dict) -> None:
    schemes = scenario["components"]["securitySchemes"]
    required = {name for requirement in scenario["security"] for name in requirement}
    assert required
    for name in required:
        assert schemes[name]["type"] == "http"
        assert schemes[name]["scheme"].lower() == "basic"
        assert "secret" in schemes[name]["description"].lower()


def test_batch_links_to_status_operation(scenario: dict) -> None:
    ops = operations(scenario)
    ok = resolve(scenario, ops["requestBatchDownload"]["responses"]["200"])
    links = list(ok["links"].values())
    assert len(links) == 1
    (link,) = links
    assert link["operationId"] == "getBatchDownloadStatus"
    assert link["operationId"] in ops
    poll_params = {p["name"] for p in ops[link["operationId"]]["parameters"]}
    assert set(link["parameters"]) == poll_params
    assert link["parameters"]["jobId"] == "$response.body#/jobId"
    assert "jobId" in json_schema(scenario, ok)["properties"]


def test_job_status_extension(scenario: dict) -> None:
    ok = resolve(scenario, operations(scenario)["getBatchDownloadStatus"]["responses"]["200"])
    ext = ok["x-job-status"]
    props = json_schema(scenario, ok)["properties"]
    assert ext["status"] in props
    assert ext["result-url"] in props
    assert ext["succeeded"] == ["success"]
    assert set(ext["failed"]) == {"failure", "canceled"}
    status = props[ext["status"]]
    assert status["type"] == "string"
    assert "enum" not in status  # the set of states is not documented as closed


def test_presigned_url_extension(scenario: dict) -> None:
    ok = resolve(scenario, operations(scenario)["requestAssetDownload"]["responses"]["200"])
    ext = ok["x-presigned-url"]
    schema = json_schema(scenario, ok)
    assert ext["url"] in schema["properties"]
    assert ext["url"] in schema["required"]
    for key in ("head-url", "expires"):
        if key in ext:
            assert ext[key] in schema["properties"]


def test_scenario_errors(scenario: dict) -> None:
    error = scenario["components"]["schemas"]["Error"]
    for op in operations(scenario).values():
        for status in ("400", "401", "403", "404", "429", "500"):
            assert json_schema(scenario, op["responses"][status]) is error


@pytest.mark.parametrize("provider", ["toolkit", "scenario"])
def test_request_and_response_bodies_are_named(provider: str) -> None:
    """Top-level JSON bodies are `$ref`s to components.schemas, never inline objects."""
    doc = load(provider, "openapi.yaml")
    for op in operations(doc).values():
        bodies = []
        if "requestBody" in op:
            bodies.append(resolve(doc, op["requestBody"]))
        bodies.extend(resolve(doc, r) for r in op["responses"].values())
        for body in bodies:
            for media_type, media in body.get("content", {}).items():
                if media_type == "application/json":
                    assert set(media["schema"]) == {"$ref"}
                    assert media["schema"]["$ref"].startswith("#/components/schemas/")


def test_scenario_objects_stay_open(scenario: dict) -> None:
    for name, schema in scenario["components"]["schemas"].items():
        assert schema.get("additionalProperties", True) is not False, name
