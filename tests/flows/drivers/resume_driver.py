"""Runs one download scenario of a generated Topaz Python client in this process and prints a JSON line.

argv: the package's folder, the API's URL, then a JSON command: ``{"scenario": "one", "id": ...,
"target": ..., "resume": bool, "mode": "sync"|"async"}`` or ``{"scenario": "many", "ids": [...],
"folder": ..., "mode": ...}``. Prints ``{"ok": ..., ...,"rss_growth": bytes}``: the peak resident
memory (VmHWM) past what the process held once the client was built.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any


def memory(field: str) -> int:
    """``VmRSS`` (now) or ``VmHWM`` (the peak) of this process, in bytes.

    Not ``getrusage``: on Linux its ``ru_maxrss`` survives exec, so a child started by a
    large parent would report the parent's size.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) * 1024
    return 0


def main() -> None:
    folder, api, command = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    sys.path.insert(0, folder)
    import topaz_images as topaz

    retry = topaz.RetryPolicy(initial_delay=0.05, max_delay=0.1)
    mode = command.get("mode", "sync")
    cls = topaz.TopazImages if mode == "sync" else topaz.AsyncTopazImages
    client: Any = cls(api_key="topaz-secret", base_url=api, retry=retry, timeout=10.0)
    baseline = memory("VmRSS")
    result: dict[str, Any]
    try:
        if command["scenario"] == "one":
            call = client.download.get_download_output_to_file(
                command["id"], path=command["target"], resume=command.get("resume", False)
            )
            saved = call if mode == "sync" else asyncio.run(call)
            result = {"ok": True, "path": str(saved)}
        else:
            call = client.download.get_download_output_many(command["ids"], folder=command["folder"], concurrency=8)
            items = call if mode == "sync" else asyncio.run(call)
            errors = [f"{type(i.error).__name__}: {i.error}" for i in items if i.error is not None]
            result = {"ok": True, "statuses": [i.status for i in items], "errors": errors[:3]}
    except Exception as error:  # the scenario's outcome, reported to the test
        result = {"ok": False, "error": f"{type(error).__name__}: {error}"}
    peak = memory("VmHWM")
    print(json.dumps({**result, "rss_growth": peak - baseline}))


main()
