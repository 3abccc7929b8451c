"""Checks on the vendor documents of the topaz and getty providers and on their overlays.

The vendor files must stay exactly as the seeds carry them; everything the
generator needs is added by overlays: Getty's ``repairs.yaml`` makes its Swagger
2.0 document readable as written, and each provider's ``overlay.yaml`` completes
the API normalised to OpenAPI 3.1 (docs/overlays.md). The documents after each
step must be valid and say what the providers' documentation says.
"""

from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from generator.diagnostics import Diagnostics
from generator.export import export_api
from generator.loaders import load_api
from generator.overlay import apply_overlay
from generator.sources import read_document
from generator.spec_files import SpecFiles

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


def repaired(name: str) -> tuple[Any, Diagnostics]:
    """Getty's document as written with ``repairs.yaml`` applied."""
    document = read_document(SPECS / "getty" / name, f"specs/getty/{name}")
    repairs = read_document(SPECS / "getty" / "repairs.yaml", "specs/getty/repairs.yaml")
    diagnostics = Diagnostics()
    return apply_overlay(document.data, repairs, diagnostics), diagnostics


def overlaid(provider: str) -> tuple[Any, Diagnostics]:
    """The provider's documents (repaired) normalised to OpenAPI 3.1, with ``overlay.yaml`` applied."""
    manifest = yaml.safe_load((SPECS / provider / "provider.yaml").read_text(encoding="utf-8"))
    diagnostics = Diagnostics()
    api = load_api(
        SpecFiles.of(
            [SPECS / provider / name for name in manifest["documents"]],
            [SPECS / provider / name for name in manifest.get("repairs", [])],
        ),
        diagnostics=diagnostics,
    )
    assert api is not None, [d.format() for d in diagnostics]
    overlay = read_document(SPECS / provider / "overlay.yaml", f"specs/{provider}/overlay.yaml")
    return apply_overlay(export_api(api), overlay, diagnostics), diagnostics


def vendor(provider: str, name: str) -> Any:
    return read_document(SPECS / provider / name, f"specs/{provider}/{name}").data


def parameters(operation: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in operation["parameters"]}


@pytest.fixture(scope="module")
def getty() -> Any:
    result, diagnostics = overlaid("getty")
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
                "repairs": ["repairs.yaml"],
                "overlays": ["overlay.yaml"],
            },
        ),
    ],
)
def test_manifest(provider: str, manifest: dict[str, Any]) -> None:
    assert yaml.safe_load((SPECS / provider / "provider.yaml").read_text(encoding="utf-8")) == manifest


@pytest.mark.parametrize("overlay_file", ["topaz/overlay.yaml", "getty/overlay.yaml", "getty/repairs.yaml"])
def test_every_overlay_action_says_why(overlay_file: str) -> None:
    overlay = yaml.safe_load((SPECS / overlay_file).read_text(encoding="utf-8"))
    assert overlay["overlay"] == "1.0.0"
    assert all(isinstance(action.get("description"), str) and action["description"] for action in overlay["actions"])


def test_the_getty_document_is_invalid_as_shipped() -> None:
    with pytest.raises(OpenAPIValidationError):
        validate(vendor("getty", "swagger.yaml"))


def test_the_getty_repairs_make_it_valid_and_change_only_what_swagger2_needs() -> None:
    result, diagnostics = repaired("swagger.yaml")
    assert not diagnostics.items, [d.format() for d in diagnostics]
    validate(result)
    shipped = vendor("getty", "swagger.yaml")
    added = ("definitions", "securityDefinitions")
    assert {k: v for k, v in result.items() if k not in (*added, "paths")} == {
        k: v for k, v in shipped.items() if k != "paths"
    }
    assert result["definitions"] == {"holder": {"type": "object"}}
    for path, item in shipped["paths"].items():
        for method, operation in item.items():
            for before, after in zip(operation["parameters"], result["paths"][path][method]["parameters"], strict=True):
                assert set(after) - set(before) <= {"type", "required"}


# --------------------------------------------------------------------------- topaz


def test_topaz_overlaid_document_validates_without_diagnostics() -> None:
    result, diagnostics = overlaid("topaz")
    assert not diagnostics.items, [d.format() for d in diagnostics]
    validate(result)


@pytest.mark.parametrize("name", TOPAZ_DOCUMENTS)
def test_topaz_success_responses_are_presigned_downloads(name: str) -> None:
    result, _ = overlaid("topaz")
    (path,) = vendor("topaz", name)["paths"]
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


# --------------------------------------------------------------------------- getty


def test_getty_overlaid_document_validates(getty: Any) -> None:
    validate(getty)


def test_getty_is_served_over_https_only(getty: Any) -> None:
    assert getty["servers"] == [{"url": "https://api.gettyimages.com"}]


def test_getty_security(getty: Any) -> None:
    key = getty["components"]["securitySchemes"]["Api-Key"]
    assert (key["type"], key["in"], key["name"]) == ("apiKey", "header", "Api-Key")
    bearer = getty["components"]["securitySchemes"]["OAuth2Bearer"]
    assert bearer["type"] == "oauth2"  # the token endpoint's flows, so the clients fetch the token themselves
    token_url = "https://authentication.gettyimages.com/oauth2/token"
    assert {name: flow["tokenUrl"] for name, flow in bearer["flows"].items()} == {
        "clientCredentials": token_url,
        "password": token_url,
    }
    assert "Bearer" in bearer["description"]
    for item in getty["paths"].values():
        for operation in item.values():
            assert {"Api-Key": [], "OAuth2Bearer": []} in operation.get("security", getty["security"])
            assert "Authorization" not in parameters(operation)


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
    found = {**parameter["schema"], **{k: v for k, v in parameter.items() if k in ("in", "required")}}
    assert {key: found.get(key) for key in expected} == expected


def test_getty_parameters_keep_what_the_vendor_wrote(getty: Any) -> None:
    shipped = vendor("getty", "swagger.yaml")
    for path, item in shipped["paths"].items():
        for method, operation in item.items():
            result = getty["paths"][path][method]
            written = [p for p in operation["parameters"] if p["in"] != "body" and p["name"] != "Authorization"]
            assert [p["name"] for p in result["parameters"]] == [p["name"] for p in written]
            for before, after in zip(written, result["parameters"], strict=True):
                assert (before["in"], before["description"]) == (after["in"], after["description"])
            assert (result["summary"], result["operationId"]) == (operation["summary"], operation["operationId"])
            assert result["tags"] == operation["tags"]


def test_getty_download_details_definition(getty: Any) -> None:
    body = getty["paths"][DOWNLOAD_IMAGE]["post"]["requestBody"]
    assert body["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/holder"}
    holder = getty["components"]["schemas"]["holder"]
    assert holder["type"] == "object"
    assert {name: p["type"] for name, p in holder["properties"].items()} == {
        "download_notes": "string",
        "project_code": "string",
    }


def json_schema(response: dict[str, Any]) -> Any:
    return response["content"]["application/json"]["schema"]


def test_getty_download_history_is_paginated(getty: Any) -> None:
    operation = getty["paths"][DOWNLOADS]["get"]
    assert json_schema(operation["responses"]["200"]) == {"$ref": "#/components/schemas/DownloadsResponse"}
    schemas = getty["components"]["schemas"]
    response = schemas["DownloadsResponse"]["properties"]
    assert response["result_count"]["type"] == "integer"
    assert response["downloads"]["type"] == "array"
    assert response["downloads"]["items"] == {"$ref": "#/components/schemas/Download"}
    download = schemas["Download"]["properties"]
    assert (download["date_downloaded"]["type"], download["date_downloaded"]["format"]) == ("string", "date-time")
    assert (download["thumb_uri"]["type"], download["thumb_uri"]["format"]) == ("string", "uri")
    assert download["download_details"] == {"$ref": "#/components/schemas/holder"}
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
    assert json_schema(responses["200"]) == {"$ref": "#/components/schemas/DownloadImageResponse"}
    assert responses["200"]["x-presigned-url"]["url"] == "uri"
    uri = getty["components"]["schemas"]["DownloadImageResponse"]["properties"]["uri"]
    assert (uri["type"], uri["format"]) == ("string", "uri")
    location = responses["303"]["headers"]["Location"]["schema"]
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
        assert reference.startswith("#/components/responses/")
        shared = getty["components"]["responses"][reference.removeprefix("#/components/responses/")]
        assert json_schema(shared) == {"$ref": "#/components/schemas/Error"}
    error = getty["components"]["schemas"]["Error"]["properties"]
    assert error["ErrorCode"]["type"] == error["ErrorMessage"]["type"] == "string"
