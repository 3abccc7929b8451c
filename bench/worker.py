"""The measured side of the client sections, one child process per run; prints one JSON line.

``python -m bench.worker requests VARIANT URL COUNT``
    ``COUNT`` GETs of a small JSON body after a warm-up, on one kept-alive connection:
    ``generated`` is Topaz's generated sync client (``get_download_output``), ``raw`` is
    ``httpx.Client.get`` on the same URL with the same header, ``raw-json`` adds ``.json()``.

``python -m bench.worker download VARIANT URL BYTES FOLDER``
    One download of ``BYTES`` bytes into a file in ``FOLDER``: ``generated`` is the toolkit
    client's save helper (``download_image_to_file``: chunks to a ``.part`` file, fsync,
    rename), ``raw`` is ``httpx.Client.stream`` + ``iter_bytes`` written to a file, then
    fsync. A 1 MiB download first warms both up; RSS is read after it, and the peak
    (``ru_maxrss``) after the measured download.
"""

from __future__ import annotations

import importlib
import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
GENERATED = ROOT / "generated" / "python"
API_KEY = "bench-key"
PROCESS_ID = "0f8fad5b-d9cb-469f-a165-70867728950e"
OBJECT = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6.png"
WARM_OBJECT = "00000000000000000000000000000000.png"
"""The server answers this name with 1 MiB whatever the size asked for."""
WARMUP_REQUESTS = 50
TIMEOUT = 120.0


def generated(package: str) -> Any:
    """A committed generated package, imported from ``generated/python/<package>`` (they are not installed)."""
    folder = str(GENERATED / package)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module(package)


def rss_kib() -> int:
    """The current resident set size, from /proc/self/statm."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def requests(variant: str, url: str, count: int) -> dict[str, Any]:
    if variant == "generated":
        topaz = generated("topaz_images")
        with topaz.TopazImages(api_key=API_KEY, base_url=url, timeout=TIMEOUT) as client:

            def call() -> object:
                return client.download.get_download_output(PROCESS_ID)

            return _timed(call, count)
    with httpx.Client(base_url=url, headers={"X-API-Key": API_KEY}, timeout=TIMEOUT) as raw:
        path = f"/download/{PROCESS_ID}"
        if variant == "raw-json":

            def call() -> object:
                response = raw.get(path)
                response.raise_for_status()
                return response.json()

        else:

            def call() -> object:
                return raw.get(path).raise_for_status()

        return _timed(call, count)


def _timed(call: Any, count: int) -> dict[str, Any]:
    for _ in range(WARMUP_REQUESTS):
        call()
    cpu = time.process_time()
    started = time.perf_counter()
    for _ in range(count):
        call()
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu
    return {"count": count, "seconds": wall, "cpu_seconds": cpu}


def download(variant: str, url: str, size: int, folder: Path) -> dict[str, Any]:
    target = folder / "image.png"
    if variant == "generated":
        toolkit = generated("toolkit_images")
        with toolkit.ToolkitImages(api_key=API_KEY, base_url=url, timeout=TIMEOUT) as client:

            def fetch(name: str, path: Path) -> None:
                client.download.download_image_to_file(name, path=path, overwrite=True)

            return _download(fetch, size, target)
    with httpx.Client(base_url=url, headers={"X-API-Key": API_KEY}, timeout=TIMEOUT) as raw:

        def fetch(name: str, path: Path) -> None:
            with raw.stream("GET", f"/v1/image/download/{name}") as response:
                response.raise_for_status()
                with path.open("wb") as file:
                    for chunk in response.iter_bytes():
                        file.write(chunk)
                    file.flush()
                    os.fsync(file.fileno())

        return _download(fetch, size, target)


def _download(fetch: Any, size: int, target: Path) -> dict[str, Any]:
    warm = target.with_name("warm-up.png")
    fetch(WARM_OBJECT, warm)
    warm.unlink()
    baseline = rss_kib()
    started = time.perf_counter()
    fetch(OBJECT, target)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    written = target.stat().st_size
    target.unlink()
    if written != size:
        raise SystemExit(f"wrote {written} bytes, expected {size}")
    return {"bytes": size, "seconds": seconds, "baseline_kib": baseline, "peak_kib": peak}


def main(argv: list[str]) -> int:
    kind, variant, url = argv[0], argv[1], argv[2]
    if kind == "requests":
        result = requests(variant, url, int(argv[3]))
    else:
        result = download(variant, url, int(argv[3]), Path(argv[4]))
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
