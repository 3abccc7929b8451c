"""Checks on the vendor documents of the topaz and getty providers and on their overlays.

The vendor files must stay exactly as the seeds carry them; everything the
generator needs is added by the overlays, and the overlaid documents must be
valid and say what the providers' documentation says.
"""

from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from generator.diagnostics import Diagnostics
from generator.overlay import apply_overlay
from generator.sources import read_document

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT / "specs"
SEEDS = ROOT.parent / "shared" / "seeds"
TOPAZ_SEED = SEEDS / "000_3efe6b0b79dbed21.txt"
GETTY_SEED = SEEDS / "002_0e22f626a41a5d70.txt"
TOPAZ_DOCUMENTS = ["download-output.json", "download-input.json"]
DOWNLOADS = "/v3/downloads"
DOWNLOAD_IMAGE = "/v3/downloads/images/{id}"
PRODUCT_TYPES = [
    "easyaccess",
    "editorialsubscription",
    "imagepack",
    "premiumaccess",
    "royaltyfreesubscription",
    "creditpack",
]


def needs(seed: Path) -> pytest.MarkDecorator:
    """Skip (like the corpus tests) on a checkout without ``../shared`` next to it."""
    return pytest.mark.skipif(not seed.is_file(), reason=f"no seed file at {seed}")


def json_fences(seed: Path) -> list[bytes]:
    """The lines inside the ```json fences of a seed, as bytes."""
    lines = seed.read_bytes().split(b"\n")
    return [lines[i + 1] for i, line in enumerate(lines) if line == b"```json"]


def yaml_between_markers(seed: Path) -> bytes:
    raw = seed.read_bytes()
    assert raw.startswith(b"---\n") and raw.endswith(b"\n---")
    return raw[len(b"---\n") : -len(b"---")]


def overlaid(provider: str, name: str) -> tuple[Any, Diagnostics]:
    document = read_document(SPECS / provider / name, f"specs/{provider}/{name}")
    overlay = read_document(SPECS / provider / "overlay.yaml", f"specs/{provider}/overlay.yaml")
    diagnostics = Diagnostics()
    return apply_overlay(document.data, overlay, diagnostics), diagnostics


def vendor(provider: str, name: str) -> Any:
    return read_document(SPECS / provider / name, f"specs/{provider}/{name}").data


def parameters(operation: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in operation["parameters"]}


@pytest.fixture(scope="module")
def getty() -> Any:
    result, diagnostics = overlaid("getty", "swagger.yaml")
    assert not diagnostics.items, [d.format() for d in diagnostics]
    return result


# --------------------------------------------------------------------------- vendor files and manifests


@needs(TOPAZ_SEED)
@pytest.mark.parametrize(("name", "index"), [("download-output.json", 0), ("download-input.json", 1)])
def test_topaz_documents_are_the_seed_fences_verbatim(name: str, index: int) -> None:
    fences = json_fences(TOPAZ_SEED)
    assert len(fences) == 2
    assert (SPECS / "topaz" / name).read_bytes() == fences[index] + b"\n"


@needs(GETTY_SEED)
def test_getty_document_is_the_seed_verbatim() -> None:
    text = (SPECS / "getty" / "swagger.yaml").read_bytes()
    assert text.startswith(b'swagger: "2.0"\n')
    assert text == yaml_between_markers(GETTY_SEED)


@pytest.mark.parametrize(
    ("provider", "manifest"),
    [
        (
            "topaz",
            {
                "provider": "topaz",
                "package": "topaz_images",
                "title": "Topaz Labs Image API",
                "base_url": "https://api.topazlabs.com/image/v1",
                "documents": TOPAZ_DOCUMENTS,
                "overlays": ["overlay.yaml"],
            },
        ),
        (
            "getty",
            {
                "provider": "getty",
                "package": "getty_images",
                "title": "Getty Images API",
                "base_url": "https://api.gettyimages.com",
                "documents": ["swagger.yaml"],
                "overlays": ["overlay.yaml"],
            },
        ),
    ],
)
def test_manifest(provider: str, manifest: dict[str, Any]) -> None:
    assert yaml.safe_load((SPECS / provider / "provider.yaml").read_text(encoding="utf-8")) == manifest


@pytest.mark.parametrize("provider", ["topaz", "getty"])
def test_every_overlay_action_says_why(provider: str) -> None:
    overlay = yaml.safe_load((SPECS / provider / "overlay.yaml").read_text(encoding="utf-8"))
    assert overlay["overlay"] == "1.0.0"
    assert all(isinstance(action.get("description"), str) and action["description"] for action in overlay["actions"])


def test_the_getty_document_is_invalid_as_shipped() -> None:
    with pytest.raises(OpenAPIValidationError):
        validate(vendor("getty", "swagger.yaml"))


# --------------------------------------------------------------------------- topaz


@pytest.mark.parametrize("name", TOPAZ_DOCUMENTS)
def test_topaz_overlaid_document_validates_without_diagnostics(name: str) -> None:
    result, diagnostics = overlaid("topaz", name)
    assert not diagnostics.items, [d.format() for d in diagnostics]
    validate(result)


@pytest.mark.parametrize("name", TOPAZ_DOCUMENTS)
def test_topaz_success_responses_are_presigned_downloads(name: str) -> None:
    result, _ = overlaid("topaz", name)
    (path,) = result["paths"]
    assert "x-presigned-url" not in vendor("topaz", name)["paths"][path]["get"]["responses"]["200"]
    assert result["paths"][path]["get"]["responses"]["200"]["x-presigned-url"] == {
        "url": "download_url",
        "head-url": "head_url",
        "expires": "expiry",
        "expires-format": "unix",
    }
    properties = result["components"]["schemas"]["DownloadResponse"]["properties"]
    assert set(properties) == {"download_url", "head_url", "expiry"}
    assert properties["expiry"]["examples"] == [1617220000]


def test_topaz_overlay_changes_both_documents_alike() -> None:
    schemas = [overlaid("topaz", name)[0]["components"]["schemas"] for name in TOPAZ_DOCUMENTS]
    assert schemas[0] == schemas[1]


# --------------------------------------------------------------------------- getty


def test_getty_overlaid_document_validates(getty: Any) -> None:
    validate(getty)


def test_getty_is_served_over_https_only(getty: Any) -> None:
    assert getty["schemes"] == ["https"]
    assert getty["host"] == "api.gettyimages.com"


def test_getty_security(getty: Any) -> None:
    key = getty["securityDefinitions"]["Api-Key"]
    assert (key["type"], key["in"], key["name"]) == ("apiKey", "header", "Api-Key")
    bearer = getty["securityDefinitions"]["OAuth2Bearer"]
    assert (bearer["type"], bearer["in"], bearer["name"]) == ("apiKey", "header", "Authorization")
    assert "Bearer" in bearer["description"]
    assert getty["security"] == [{"Api-Key": []}]
    for item in getty["paths"].values():
        for operation in item.values():
            assert operation["security"] == [{"Api-Key": [], "OAuth2Bearer": []}]
            authorization = parameters(operation)["Authorization"]
            assert (authorization["in"], authorization["type"], authorization["required"]) == ("header", "string", True)


@pytest.mark.parametrize(
    ("path", "method", "name", "expected"),
    [
        (DOWNLOADS, "get", "Accept-Language", {"in": "header", "type": "string"}),
        (DOWNLOADS, "get", "company_downloads", {"in": "query", "type": "boolean", "default": False}),
        (DOWNLOADS, "get", "start_date", {"in": "query", "type": "string", "format": "date"}),
        (DOWNLOADS, "get", "end_date", {"in": "query", "type": "string", "format": "date"}),
        (DOWNLOADS, "get", "page", {"type": "integer", "minimum": 1, "default": 1}),
        (DOWNLOADS, "get", "page_size", {"type": "integer", "minimum": 1, "maximum": 100, "default": 30}),
        (DOWNLOADS, "get", "product_type", {"type": "string", "enum": PRODUCT_TYPES}),
        (DOWNLOAD_IMAGE, "post", "Accept-Language", {"in": "header", "type": "string"}),
        (DOWNLOAD_IMAGE, "post", "auto_download", {"in": "query", "type": "boolean", "default": True}),
        (DOWNLOAD_IMAGE, "post", "file_type", {"type": "string", "enum": ["eps", "jpg"]}),
        (DOWNLOAD_IMAGE, "post", "height", {"type": "integer", "minimum": 1}),
        (DOWNLOAD_IMAGE, "post", "product_id", {"type": "integer", "format": "int32"}),
        (DOWNLOAD_IMAGE, "post", "product_type", {"type": "string", "enum": PRODUCT_TYPES}),
        (DOWNLOAD_IMAGE, "post", "id", {"in": "path", "type": "string", "required": True}),
    ],
)
def test_getty_parameter_types(getty: Any, path: str, method: str, name: str, expected: dict[str, Any]) -> None:
    parameter = parameters(getty["paths"][path][method])[name]
    assert {key: parameter.get(key) for key in expected} == expected


def test_getty_parameters_keep_what_the_vendor_wrote(getty: Any) -> None:
    shipped = vendor("getty", "swagger.yaml")
    for path, item in shipped["paths"].items():
        for method, operation in item.items():
            result = getty["paths"][path][method]
            assert [p["name"] for p in result["parameters"]] == [p["name"] for p in operation["parameters"]]
            for before, after in zip(operation["parameters"], result["parameters"], strict=True):
                assert before.items() <= after.items()
            kept = {k: v for k, v in operation.items() if k not in ("parameters", "responses")}
            assert kept.items() <= result.items()
    kept = {k: v for k, v in shipped.items() if k not in ("schemes", "paths")}
    assert kept.items() <= getty.items()
    assert "x-streamrank" in kept


def test_getty_download_details_definition(getty: Any) -> None:
    body = parameters(getty["paths"][DOWNLOAD_IMAGE]["post"])["download_details"]
    assert body["schema"] == {"$ref": "#/definitions/holder"}
    holder = getty["definitions"]["holder"]
    assert holder["type"] == "object"
    assert {name: p["type"] for name, p in holder["properties"].items()} == {
        "download_notes": "string",
        "project_code": "string",
    }


def test_getty_download_history_is_paginated(getty: Any) -> None:
    operation = getty["paths"][DOWNLOADS]["get"]
    assert operation["responses"]["200"]["schema"] == {"$ref": "#/definitions/DownloadsResponse"}
    response = getty["definitions"]["DownloadsResponse"]["properties"]
    assert response["result_count"]["type"] == "integer"
    assert response["downloads"]["type"] == "array"
    assert response["downloads"]["items"] == {"$ref": "#/definitions/Download"}
    download = getty["definitions"]["Download"]["properties"]
    assert (download["date_downloaded"]["type"], download["date_downloaded"]["format"]) == ("string", "date-time")
    assert (download["thumb_uri"]["type"], download["thumb_uri"]["format"]) == ("string", "uri")
    assert download["download_details"] == {"$ref": "#/definitions/holder"}
    assert operation["x-pagination"] == {
        "style": "page",
        "page-parameter": "page",
        "size-parameter": "page_size",
        "items": "downloads",
        "total": "result_count",
        "first-page": 1,
    }


def test_getty_download_is_a_presigned_url_or_a_redirect(getty: Any) -> None:
    responses = getty["paths"][DOWNLOAD_IMAGE]["post"]["responses"]
    assert responses["200"]["schema"] == {"$ref": "#/definitions/DownloadImageResponse"}
    assert responses["200"]["x-presigned-url"] == {"url": "uri"}
    uri = getty["definitions"]["DownloadImageResponse"]["properties"]["uri"]
    assert (uri["type"], uri["format"]) == ("string", "uri")
    location = responses["303"]["headers"]["Location"]
    assert (location["type"], location["format"]) == ("string", "uri")
    assert responses["303"]["x-redirect-trigger"] == {"parameter": "auto_download", "value": True}


@pytest.mark.parametrize(
    ("path", "method", "statuses"),
    [
        (DOWNLOADS, "get", ["400", "401", "403", "429", "500"]),
        (DOWNLOAD_IMAGE, "post", ["400", "401", "403", "404", "429", "500"]),
    ],
)
def test_getty_error_responses(getty: Any, path: str, method: str, statuses: list[str]) -> None:
    responses = getty["paths"][path][method]["responses"]
    assert sorted(s for s in responses if s.startswith(("4", "5"))) == statuses
    for status in statuses:
        reference = responses[status]["$ref"]
        assert reference.startswith("#/responses/")
        shared = getty["responses"][reference.removeprefix("#/responses/")]
        assert shared["schema"] == {"$ref": "#/definitions/Error"}
    error = getty["definitions"]["Error"]["properties"]
    assert error["ErrorCode"]["type"] == error["ErrorMessage"]["type"] == "string"
