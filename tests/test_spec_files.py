"""The files of one load as one record (``spec_files.SpecFiles``): what targets share, and what a load reads."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from generator import pipeline
from generator.build import build_targets, provider_targets
from generator.diagnostics import Diagnostics
from generator.providers import load_provider
from generator.spec_files import SpecFiles

SPECS = Path(__file__).resolve().parent.parent / "specs"


def test_a_provider_in_two_styles_is_loaded_once(tmp_path: Path, count_calls: Callable[..., Counter[str]]) -> None:
    counted = count_calls(pipeline, "build_api")
    diagnostics = Diagnostics()
    targets = provider_targets(SPECS, tmp_path, ["toolkit"], ["python", "typescript"], diagnostics)
    assert [t.files for t in targets] == [targets[0].files] * 2
    build = build_targets(targets, diagnostics, validation="error")
    assert build is not None, [d.format() for d in diagnostics]
    assert [o.target.style for o in build.outputs] == ["python", "typescript"]
    assert counted["build_api"] == 1


def test_a_providers_files_are_its_documents_repairs_and_overlays_in_the_order_they_apply() -> None:
    provider = load_provider(SPECS, "getty", Diagnostics())
    assert provider is not None
    files = provider.files
    assert files == SpecFiles(provider.documents, provider.repairs, provider.overlays)
    assert files.paths == (*provider.documents, *provider.repairs, *provider.overlays)
    assert provider.inputs[1:] == files.paths


def test_documents_alone_load_as_files_without_overlays(tmp_path: Path) -> None:
    spec = SPECS / "toolkit" / "openapi.yaml"
    alone = pipeline.build_api([spec], diagnostics=Diagnostics())
    whole = pipeline.build_api(SpecFiles.of([spec]), diagnostics=Diagnostics())
    assert alone is not None and alone == whole
