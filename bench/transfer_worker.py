"""One measured transfer of the generated Topaz Python client (sync), in its own process; prints a JSON line.

``python -m bench.transfer_worker PACKAGE API COMMAND``: ``PACKAGE`` is the generated package's
folder, ``API`` the loopback API's URL, ``COMMAND`` JSON: ``{"run": "one", "id", "target",
"resume"}`` (``attempts``: calls made until one succeeds, at most 2), ``{"run": "many", "ids",
"folder", "concurrency"}`` (the ``*_many`` helper) or ``{"run": "loop", "ids", "folder"}``
(the single-file helper, one id after the other). Prints ``{"ok", "seconds", "peak_kib",
"baseline_kib", "attempts"}``: the peak (VmHWM) and the resident memory once the client was built.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from pathlib import Path
from typing import Any


def memory_kib(field: str) -> int:
    """``VmRSS`` or ``VmHWM`` of this process (not ``ru_maxrss``, which survives exec on Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def main() -> None:
    package, api, command = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    sys.path.insert(0, package)
    topaz: Any = importlib.import_module("topaz_images")

    retry = topaz.RetryPolicy(initial_delay=0.05, max_delay=0.1)
    client: Any = topaz.TopazImages(api_key="bench", base_url=api, retry=retry, timeout=30.0)
    helpers = client.download
    baseline = memory_kib("VmRSS")
    started = time.perf_counter()
    ok, attempts, error = False, 0, ""
    if command["run"] == "one":
        while not ok and attempts < 2:
            attempts += 1
            try:
                helpers.get_download_output_to_file(command["id"], path=command["target"], resume=command["resume"])
                ok = True
            except topaz.DownloadError as failure:
                error = str(failure)
    elif command["run"] == "many":
        items = helpers.get_download_output_many(
            command["ids"], folder=command["folder"], concurrency=command["concurrency"], skip_identical=False
        )
        ok, attempts = all(item.status == "saved" for item in items), 1
    else:
        for ident in command["ids"]:
            helpers.get_download_output_to_file(ident, path=command["folder"])
        ok, attempts = True, 1
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "ok": ok,
                "seconds": seconds,
                "attempts": attempts,
                "error": error,
                "peak_kib": memory_kib("VmHWM"),
                "baseline_kib": baseline,
            }
        )
    )


if __name__ == "__main__":
    main()
