"""Every pagination kind of a Go client, driven against a loopback server.

The package of ``tests/data/pagination/openapi.yaml`` (page, offset, a cursor from the last
item while ``has_more``, a next token, a next URL in the body, the ``Link`` header) is
generated in the go style; ``pagination/paging_test.go`` is copied into it as an external
test (package ``paging_test``: only what a user can name) and run with the package's own
tests and those of its test-double package ``pagingtest`` (each pager over the fake API):
each pager against an ``httptest`` server, a repeated cursor and a next link on another
host refused (that host never sees a request).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from go_support import ROOT, generate, go, go_missing, go_test_events

pytestmark = pytest.mark.skipif(go_missing() is not None, reason=go_missing() or "")

SPEC = ROOT / "tests" / "data" / "pagination" / "openapi.yaml"
DRIVER = Path(__file__).resolve().parent / "pagination" / "paging_test.go"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("go-paging") / "paging"
    result = generate(["generate", "--spec", str(SPEC), "--name", "paging", "--out", str(out), "--style", "go", "-q"])
    assert result.returncode == 0, result.stdout + result.stderr
    shutil.copy(DRIVER, out / DRIVER.name)
    return out


def test_every_pager_is_generated(package: Path) -> None:
    text = (package / "service_photos.go").read_text(encoding="utf-8")
    for pager in ("IterListByPage", "IterListByOffset", "IterListAfter", "IterListByToken", "IterListByNextURL"):
        assert f") {pager}(params *" in text, pager
    assert ") IterListByLinkHeader(album string, params *" in text
    exports = (package / "exports.go").read_text(encoding="utf-8")
    assert re.search(r"\n\tPaginationError +?= apicore\.PaginationError\n", exports)
    readme = (package / "README.md").read_text(encoding="utf-8")
    assert "## Pagination" in readme and "`*paging.PaginationError`" in readme
    assert "## Testing your code: `pagingtest`" in readme and "pagingtest.NewClient(fake" in readme


def test_the_package_is_clean_and_each_pager_follows_the_loopback_server(package: Path) -> None:
    formatted = go(["gofmt", "-l", "."], package)
    assert formatted.returncode == 0 and formatted.stdout == "", formatted.stdout + formatted.stderr
    vet = go(["go", "vet", "./..."], package)
    assert vet.returncode == 0, vet.stdout + vet.stderr
    tested = go(["go", "test", "-count=1", "-json", "./..."], package)
    assert tested.returncode == 0, tested.stdout[-6000:] + tested.stderr[-3000:]
    events = go_test_events(tested.stdout)
    for name, wanted in (("paging", 7), ("paging/pagingtest", 7)):
        passed = {e["Test"] for e in events.get(name, []) if e.get("Action") == "pass" and e.get("Test")}
        assert len(passed) >= wanted, (name, sorted(passed))
    doubles = {e["Test"] for e in events["paging/pagingtest"] if e.get("Action") == "pass" and e.get("Test")}
    assert {"TestIterListAfter_WalksTheExample", "TestIterListByLinkHeader_WalksTheExample"} <= doubles
