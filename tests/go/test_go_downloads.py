"""The Go packages' download helpers, called from outside the package as a user would, against loopback servers.

Topaz (generated with one more overlay declaring each presigned answer's SHA-256 with
``x-checksum``): ``GetDownloadOutputMany`` saves a batch at bounded concurrency, renews a link
the storage host calls expired, catches a corrupted file only the declared digest tells
apart, skips the files already there the second time, and refuses an id given twice. Toolkit: ``DownloadImageToFile``
with ``Resume`` continues a cut streamed response with a Range request for the rest.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from go_support import ROOT, go, go_missing

pytestmark = pytest.mark.skipif(go_missing() is not None, reason=go_missing() or "")

DIGEST_OVERLAY = """\
overlay: 1.0.0
info: {title: the file's SHA-256 in each presigned answer, version: 1.0.0}
actions:
  - target: $.components.schemas.DownloadResponse.properties
    update:
      sha256: {type: string, description: The file's SHA-256 in hex.}
  - target: $.paths[*][*].responses[?@['x-presigned-url']]
    update:
      x-checksum: {field: sha256, algorithm: sha256, encoding: hex}
"""

TOPAZ_TEST = r"""package topazimages_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	topaz "topaz_images"
)

func TestSaveManyRenewsVerifiesAndSkips(t *testing.T) {
	const count = 12
	ids, contents := []string{}, map[string][]byte{}
	for index := 0; index < count; index++ {
		id := fmt.Sprintf("00000000-0000-4000-8000-%012d", index)
		ids = append(ids, id)
		contents[id] = bytes.Repeat([]byte(id), 3000+index)
	}
	corrupt := ids[count-1]
	var mu sync.Mutex
	links, active, peak := map[string]int{}, 0, 0
	storage := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		active++
		if active > peak {
			peak = active
		}
		mu.Unlock()
		defer func() { mu.Lock(); active--; mu.Unlock() }()
		time.Sleep(5 * time.Millisecond)
		id := strings.TrimPrefix(r.URL.Path, "/files/")
		if id == ids[0] && r.URL.Query().Get("sig") == "1" {
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte("<Error><Message>Request has expired</Message></Error>"))
			return
		}
		content := append([]byte(nil), contents[id]...)
		if id == corrupt {
			content[7] ^= 1
		}
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(content))
	}))
	defer storage.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := strings.TrimPrefix(r.URL.Path, "/download/")
		mu.Lock()
		links[id]++
		sig := links[id]
		mu.Unlock()
		digest := sha256.Sum256(contents[id])
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"download_url": fmt.Sprintf("%s/files/%s?sig=%d", storage.URL, id, sig),
			"head_url":     storage.URL + "/files/" + id,
			"expiry":       time.Now().Add(time.Hour).Unix(),
			"sha256":       hex.EncodeToString(digest[:]),
		})
	}))
	defer api.Close()
	client, err := topaz.New(topaz.WithBaseURL(api.URL), topaz.WithAPIKey("test-api-key"))
	if err != nil {
		t.Fatal(err)
	}
	folder := t.TempDir()
	options := topaz.ManyOptions{Concurrency: 3, Save: topaz.SaveOptions{Resume: true}}
	results := client.Download.GetDownloadOutputMany(context.Background(), ids, folder, options)
	for index, result := range results {
		if result.Key != ids[index] {
			t.Fatalf("results out of order: %d is %s", index, result.Key)
		}
		if result.Key == corrupt {
			var mismatch *topaz.ChecksumMismatchError
			if result.Status != topaz.ItemFailed || !errors.As(result.Err, &mismatch) {
				t.Fatalf("the corrupted file should fail its declared digest: %+v", result)
			}
			continue
		}
		saved, _ := os.ReadFile(result.Path)
		if result.Status != topaz.ItemSaved || !bytes.Equal(saved, contents[result.Key]) {
			t.Fatalf("item %d: %+v", index, result)
		}
	}
	if links[ids[0]] != 2 || peak > 3 {
		t.Fatalf("want the expired link renewed once (%d links) and at most 3 at once (%d)", links[ids[0]], peak)
	}
	entries, _ := os.ReadDir(folder)
	if len(entries) != count-1 {
		t.Fatalf("want %d files and nothing else, got %d entries", count-1, len(entries))
	}
	options.Save.SkipIdentical = true
	again := client.Download.GetDownloadOutputMany(context.Background(), ids[:count-1], folder, options)
	for _, result := range again {
		if result.Status != topaz.ItemSkipped {
			t.Fatalf("want every file already there skipped: %+v", result)
		}
	}
	// an id given twice resolves to one file: the item that comes to it second is refused, never mixed in
	twice := client.Download.GetDownloadOutputMany(context.Background(), []string{ids[1], ids[1]}, t.TempDir(), options)
	first, second := twice[0], twice[1]
	if second.Status == topaz.ItemSaved {
		first, second = second, first
	}
	if first.Status != topaz.ItemSaved || !errors.Is(second.Err, topaz.ErrDownloadInProgress) {
		t.Fatalf("want the second of the same file refused: %+v", twice)
	}
}
"""

TOOLKIT_TEST = r"""package toolkitimages_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	toolkit "toolkit_images"
)

func TestAStreamedDownloadResumesWithARange(t *testing.T) {
	content := bytes.Repeat([]byte("0123456789abcdef"), 1<<16)
	var mu sync.Mutex
	ranges := []string{}
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		ranges = append(ranges, r.Header.Get("Range"))
		first := len(ranges) == 1
		mu.Unlock()
		w.Header().Set("ETag", `"v1"`)
		if first {
			w.Header().Set("Content-Length", "1048576")
			_, _ = w.Write(content[:len(content)/2])
			panic(http.ErrAbortHandler)
		}
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(content))
	}))
	defer api.Close()
	policy := toolkit.DefaultRetryPolicy()
	policy.InitialDelay, policy.MaxDelay = time.Millisecond, 10*time.Millisecond
	retry := toolkit.WithRetryPolicy(policy)
	client, err := toolkit.New(toolkit.WithBaseURL(api.URL), toolkit.WithAPIKey("test-api-key"), retry)
	if err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(t.TempDir(), "image.png")
	name := "0123456789abcdef0123456789abcdef.png"
	save := toolkit.SaveOptions{Resume: true}
	saved, err := client.Download.DownloadImageToFile(context.Background(), name, target, save)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(saved)
	if !bytes.Equal(got, content) || len(ranges) != 2 || ranges[1] != "bytes=524288-" {
		t.Fatalf("want the rest asked for with a Range, got %q and %d bytes", ranges, len(got))
	}
}
"""


def _generate(root: Path) -> Path:
    specs = root / "specs"
    shutil.copytree(ROOT / "specs" / "topaz", specs / "topaz")
    shutil.copytree(ROOT / "specs" / "toolkit", specs / "toolkit")
    topaz = specs / "topaz"
    (topaz / "digest.yaml").write_text(DIGEST_OVERLAY, encoding="utf-8")
    provider = (topaz / "provider.yaml").read_text(encoding="utf-8")
    (topaz / "provider.yaml").write_text(provider.replace("[overlay.yaml]", "[overlay.yaml, digest.yaml]"), "utf-8")
    generated = root / "generated"
    command = [sys.executable, "-m", "generator", "--specs-dir", str(specs), "--generated-dir", str(generated)]
    result = subprocess.run(
        [*command, "generate", "--style", "go", "-q"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return generated / "go"


@pytest.fixture(scope="module")
def modules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _generate(tmp_path_factory.mktemp("go-downloads"))


@pytest.mark.parametrize(
    ("package", "source"), [("topaz_images", TOPAZ_TEST), ("toolkit_images", TOOLKIT_TEST)], ids=["topaz", "toolkit"]
)
def test_the_download_helpers_work_from_outside_the_package(modules: Path, package: str, source: str) -> None:
    module = modules / package
    (module / "downloads_external_test.go").write_text(source, encoding="utf-8")
    result = go(["go", "test", "-count=1", "-run", "Test(SaveMany|AStreamed)", "."], module, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_the_readme_says_how_downloads_are_saved(modules: Path) -> None:
    readme = (modules / "topaz_images" / "README.md").read_text(encoding="utf-8")
    downloads = readme.split("## Downloads", 1)[1]
    for option in ("`Resume`", "`SkipVerify`", "`SkipIdentical`", "`ManyOptions.Concurrency`", "`ItemSkipped`"):
        assert option in downloads, option
    assert "`GetDownloadOutputMany`" in readme
