// Copied by generator 0.1.0 from templates/go/runtime/claims.go. Do not edit.
package apicore

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// One writer per file. A resumable download keeps its part under a name made
// from the target's name alone, so two downloads of the same target would
// write into one part: the first holds a lock file beside the part
// (partlock.go) and any other fails at once. A batch (SaveMany) also refuses
// a second item that resolves to a file an earlier item of the batch saves,
// resumable or not, so no item is reported saved with another item's bytes.

// ErrDownloadInProgress is the error (matched with errors.Is) of a download
// whose target another download is writing.
var ErrDownloadInProgress = errors.New("another download of this file is in progress")

func newInProgress(target, detail string) error {
	return &DownloadError{
		Message: fmt.Sprintf("another download of %s is in progress (%s)", filepath.Base(target), detail),
		Err:     ErrDownloadInProgress,
	}
}

// claims are the targets of a batch's items: the first item resolving to a file keeps it.
type claims struct {
	mu     sync.Mutex
	owners map[string]int
}

type claimKey struct{}

// claimant is one item of a batch, as its context carries it.
type claimant struct {
	batch *claims
	item  int
}

func withClaimant(ctx context.Context, batch *claims, item int) context.Context {
	return context.WithValue(ctx, claimKey{}, claimant{batch: batch, item: item})
}

func claimantOf(ctx context.Context) claimant {
	found, _ := ctx.Value(claimKey{}).(claimant)
	return found
}

// claim gives target to the item, or fails when another item of the batch has it.
func (c claimant) claim(target string) error {
	if c.batch == nil {
		return nil
	}
	key := batchKey(target, runtime.GOOS)
	c.batch.mu.Lock()
	defer c.batch.mu.Unlock()
	if owner, taken := c.batch.owners[key]; taken && owner != c.item {
		return newInProgress(target, fmt.Sprintf("item %d of the batch saves the same file", owner+1))
	}
	c.batch.owners[key] = c.item
	return nil
}

// batchKey is the file target names on the system goos: its absolute path,
// with the case folded where names differing only in case are one file
// (Windows), as the Python and TypeScript clients key their batches.
func batchKey(target, goos string) string {
	key, err := filepath.Abs(target)
	if err != nil {
		key = filepath.Clean(target)
	}
	if goos == "windows" {
		key = strings.ToLower(key)
	}
	return key
}
