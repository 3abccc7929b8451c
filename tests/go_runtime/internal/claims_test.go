package apicore

import (
	"path/filepath"
	"testing"
)

// A batch's claim key (batchKey) folds the case of a path on Windows only, where
// "Report.pdf" and "report.pdf" are one file.
func TestBatchKeyFoldsCaseOnWindowsOnly(t *testing.T) {
	folder := t.TempDir()
	upper, lower := filepath.Join(folder, "Report.pdf"), filepath.Join(folder, "report.pdf")
	if batchKey(upper, "windows") != batchKey(lower, "windows") {
		t.Fatalf("on Windows the two names are one file: %q, %q", batchKey(upper, "windows"), batchKey(lower, "windows"))
	}
	for _, goos := range []string{"linux", "darwin"} {
		if batchKey(upper, goos) == batchKey(lower, goos) || batchKey(upper, goos) != upper {
			t.Fatalf("on %s the names are two files: %q, %q", goos, batchKey(upper, goos), batchKey(lower, goos))
		}
	}
	if relative := batchKey(filepath.Join("a", "..", "b.bin"), "linux"); !filepath.IsAbs(relative) || filepath.Base(relative) != "b.bin" {
		t.Fatalf("a relative target is keyed by its absolute path, got %q", relative)
	}
}
