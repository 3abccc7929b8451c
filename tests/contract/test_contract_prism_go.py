"""Contract tests of the Go clients: every JSON operation of each provider's generated Go package against Prism.

A small Go program per provider (written below into a copy of the generated module, as
``internal/contractcheck``) calls each case against the Prism mocking the provider's
exported spec and prints one JSON line per case. Prism answers a request that breaks
the spec with a 4xx, which the client returns as an error, so a case that succeeds sent
what the spec asks for, and its answer, made by Prism from the spec, decoded into the
generated Go model. The cases mirror ``test_contract_prism.py``'s.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from prism_support import PrismServer, api_of, exported_prisms, json_operations, prism_missing

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "go"))
from go_support import generate, go, go_missing  # noqa: E402  (shared with tests/go, found through the line above)

from generator.ir import Api  # noqa: E402

PROCESS_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
PACKAGES = {"topaz": "topaz_images", "getty": "getty_images", "scenario": "scenario_assets"}
"""The providers with JSON operations (the toolkit's only operation is a binary download: tests/flows)."""
CREDENTIALS = {
    "topaz": 'WithAPIKey("topaz-key")',
    "getty": 'WithAPIKey("getty-key"), {pkg}.WithAccessToken("getty-token")',
    "scenario": 'WithAPIKeyAndAPISecret("scenario-key", "scenario-secret")',
}
CASES: dict[str, dict[str, tuple[str, str]]] = {
    "topaz": {
        "get_download_output": ("getDownloadOutput", f'return c.Download.GetDownloadOutput(ctx, "{PROCESS_ID}")'),
        "wait_for_download_output": (
            "getDownloadOutput",
            f'return c.Download.WaitForDownloadOutput(ctx, "{PROCESS_ID}", '
            "apicore.WaitOptions{Timeout: 10 * time.Second, PollInterval: 50 * time.Millisecond})",
        ),
        "get_download_input": ("getDownloadInput", f'return c.Download.GetDownloadInput(ctx, "{PROCESS_ID}")'),
    },
    "getty": {
        "get_downloads": (
            "Downloads_GetDownloads",
            "return c.Images.GetDownloads(ctx, &{pkg}.GetDownloadsParams{"
            'AcceptLanguage: text("en-US"), CompanyDownloads: flag(true), StartDate: text("2024-01-01"), '
            'EndDate: text("2024-12-31"), Page: number(2), PageSize: number(50), ProductType: text("premiumaccess")})',
        ),
        "iter_downloads": (
            "Downloads_GetDownloads",
            "pages := c.Images.IterDownloads(&{pkg}.GetDownloadsParams{"
            'PageSize: number(100), ProductType: text("easyaccess")})\n'
            "\titems, err := pages.All(ctx)\n"
            '\tif err == nil && len(items) == 0 {\n\t\treturn nil, errors.New("the page had no items")\n\t}\n'
            "\treturn items, err",
        ),
        "post_downloads": (
            "Downloads_PostDownloads",
            'return c.Images.PostDownloads(ctx, "1234567", &{pkg}.PostDownloadsParams{'
            'AcceptLanguage: text("de"), FileType: text("jpg"), Height: number(1024), ProductID: number(42), '
            'ProductType: text("imagepack"), '
            'Body: &{pkg}.Holder{DownloadNotes: text("brochure"), ProjectCode: text("P-7")}})',
        ),
        "post_downloads_minimal": (
            "Downloads_PostDownloads",
            'return c.Images.PostDownloads(ctx, "1234567", nil)',
        ),
    },
    "scenario": {
        "request_batch_download": ("requestBatchDownload", "return c.Download.RequestBatchDownload(ctx, batch())"),
        "request_batch_download_job_status": (
            "getBatchDownloadStatus",
            "job, err := c.Download.RequestBatchDownloadJob(ctx, batch())\n"
            "\tif err != nil {\n\t\treturn nil, err\n\t}\n"
            '\tif job.ID == "" {\n\t\treturn nil, errors.New("the job has no id")\n\t}\n'
            "\treturn job.Status(ctx)",
        ),
        "get_batch_download_status": (
            "getBatchDownloadStatus",
            'return c.Download.GetBatchDownloadStatus(ctx, "job_aZ67MsuuyQ5JawJekta3V7yD")',
        ),
        "request_asset_download": (
            "requestAssetDownload",
            'return c.Download.RequestAssetDownload(ctx, "asset_img001", '
            '&{pkg}.RequestAssetDownloadParams{TargetFormat: text("webp")})',
        ),
        "request_asset_download_own_format": (
            "requestAssetDownload",
            'return c.Download.RequestAssetDownload(ctx, "asset_img001", nil)',
        ),
    },
}
EXTRA = {"scenario": """
func batch() *{pkg}.RequestBatchDownloadParams {
	return &{pkg}.RequestBatchDownloadParams{
		Options: &{pkg}.DownloadOptions{FileNameTemplate: "{seed}-{index}", Flat: flag(false)},
		Query: &{pkg}.DownloadQuery{
			AssetIds: []string{"asset_1"}, InferenceIds: []string{"inf_1"}, ModelIds: []string{},
		},
	}
}
"""}
PROGRAM = """package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	{pkg} "{module}"
	"{module}/internal/apicore"
)

var _ = errors.New
var _ = time.Second
var _ apicore.WaitOptions

func text(v string) *string { return &v }
func flag(v bool) *bool     { return &v }
func number(v int64) *int64 { return &v }
{extra}
func main() {
	c, err := {pkg}.New({pkg}.WithBaseURL(os.Args[1]), {pkg}.{credentials}, {pkg}.WithTimeout(10*time.Second))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	cases := []struct {
		name string
		call func() (any, error)
	}{
{cases}
	}
	for _, one := range cases {
		result, err := one.call()
		line := map[string]any{"case": one.name, "ok": err == nil && result != nil}
		if err != nil {
			line["error"] = fmt.Sprintf("%T: %v", err, err)
		} else if data, problem := json.Marshal(result); problem == nil {
			line["result"] = string(data)
		}
		out, _ := json.Marshal(line)
		fmt.Println(string(out))
	}
}
"""

pytestmark = [
    pytest.mark.skipif(prism_missing() is not None, reason=prism_missing() or ""),
    pytest.mark.skipif(go_missing() is not None, reason=go_missing() or ""),
]


def program(provider: str) -> str:
    pkg = PACKAGES[provider].replace("_", "")
    cases = "".join(
        f'\t\t{{"{name}", func() (any, error) {{\n\t\t\t{body}\n\t\t}}}},\n'.replace("\n\t", "\n\t\t\t\t")
        for name, (_, body) in CASES[provider].items()
    )
    text = PROGRAM.replace("{cases}", cases).replace("{extra}", EXTRA.get(provider, ""))
    text = text.replace("{credentials}", CREDENTIALS[provider]).replace("{module}", PACKAGES[provider])
    return text.replace("{pkg}", pkg)


@pytest.fixture(scope="module")
def apis() -> dict[str, Api]:
    return {provider: api_of(provider) for provider in PACKAGES}


@pytest.fixture(scope="module")
def results(apis: dict[str, Api], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, Any]]]:
    """Provider -> case -> what the Go program printed for it."""
    folder = tmp_path_factory.mktemp("go-contract")
    made = generate(["--generated-dir", str(folder), "generate", "--style", "go", "-q"])
    assert made.returncode == 0, made.stdout + made.stderr
    binaries = {}
    for provider, package in PACKAGES.items():
        module = folder / "go" / package
        (module / "internal" / "contractcheck").mkdir()
        (module / "internal" / "contractcheck" / "main.go").write_text(program(provider), encoding="utf-8")
        binaries[provider] = folder / f"contract-{provider}"
        built = go(["go", "build", "-o", str(binaries[provider]), "./internal/contractcheck"], module)
        assert built.returncode == 0, built.stdout + built.stderr
    with exported_prisms(apis, folder) as servers:
        yield {provider: _run(binaries[provider], server) for provider, server in servers.items()}


def _run(binary: Path, server: PrismServer) -> dict[str, Any]:
    ran = go([str(binary), server.url], binary.parent, timeout=120)
    assert ran.returncode == 0, ran.stdout + ran.stderr + server.log_tail()
    return {line["case"]: line for line in map(json.loads, ran.stdout.splitlines())}


@pytest.mark.parametrize("provider", PACKAGES)
def test_every_json_operation_has_a_go_case(provider: str, apis: dict[str, Api]) -> None:
    assert {op for op, _ in CASES[provider].values()} == json_operations(apis[provider])


@pytest.mark.parametrize(
    ("provider", "name"), [(provider, name) for provider, cases in CASES.items() for name in cases]
)
def test_go_operation_against_prism(provider: str, name: str, results: dict[str, dict[str, Any]]) -> None:
    line = results[provider][name]
    assert line["ok"], line
    assert json.loads(line["result"]), line
