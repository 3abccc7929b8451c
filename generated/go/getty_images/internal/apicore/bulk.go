// Copied by generator 0.1.0 from templates/go/runtime/bulk.go. Do not edit.
package apicore

import (
	"context"
	"fmt"
	"sync"
)

// Many downloads at once: bounded concurrency, one progress for all, a result
// per item. A failure of one item never stops the others.

// DefaultConcurrency is how many files a many-at-once helper saves at a time unless ManyOptions says otherwise.
const DefaultConcurrency = 8

// ItemStatus is what became of one item of a batch.
type ItemStatus string

const (
	// ItemSaved: the file was downloaded and put in place.
	ItemSaved ItemStatus = "saved"
	// ItemSkipped: the file present was already the server's (SaveOptions.SkipIdentical).
	ItemSkipped ItemStatus = "skipped"
	// ItemFailed: the item's Err says why; the other items went on.
	ItemFailed ItemStatus = "failed"
)

// ItemResult is what became of one item: its key, its status, the file's path
// (saved or skipped) or the error (failed).
type ItemResult[K any] struct {
	Key    K
	Status ItemStatus
	Path   string
	Err    error
}

// OK says whether the item was saved or skipped.
func (r ItemResult[K]) OK() bool { return r.Status != ItemFailed }

// BulkState is how far a batch is: items finished of all, and bytes written so far by every item.
type BulkState struct {
	Finished     int
	Total        int
	BytesWritten int64
}

// ManyOptions says how a batch is saved: each file with Save (its Progress is
// not called: Progress follows the batch), Concurrency files at a time (0:
// DefaultConcurrency).
type ManyOptions struct {
	Save        SaveOptions
	Concurrency int
	// Progress, when set, is called after every chunk of any item and when an
	// item ends, with the state of the whole batch; calls never overlap.
	Progress func(BulkState)
}

type outcomeKey struct{}

type outcome struct{ skipped bool }

// noteSkipped is called by a download that found its file already identical, so the batch reports it as skipped.
func noteSkipped(ctx context.Context) {
	if found, ok := ctx.Value(outcomeKey{}).(*outcome); ok {
		found.skipped = true
	}
}

// SaveMany runs save for every key, at most options.Concurrency at a time, and
// returns one result per key in the order of keys. save gets the item's
// context, its key and the SaveOptions to use (options.Save with a Progress
// feeding the batch's). A cancelled ctx fails the items not finished yet. An
// item whose file is one an earlier item of the batch saves fails with
// ErrDownloadInProgress (its bytes never reach the file).
func SaveMany[K any](ctx context.Context, keys []K, options ManyOptions, save func(ctx context.Context, key K, options SaveOptions) (string, error)) []ItemResult[K] {
	concurrency := options.Concurrency
	if concurrency <= 0 {
		concurrency = DefaultConcurrency
	}
	results := make([]ItemResult[K], len(keys))
	batch := &tally{state: BulkState{Total: len(keys)}, progress: options.Progress}
	gate := make(chan struct{}, concurrency)
	targets := &claims{owners: map[string]int{}}
	var group sync.WaitGroup
	for index := range keys {
		group.Add(1)
		gate <- struct{}{}
		go func(index int) {
			defer group.Done()
			defer func() { <-gate }()
			results[index] = saveOne(withClaimant(ctx, targets, index), keys[index], options.Save, save, batch)
		}(index)
	}
	group.Wait()
	return results
}

// tally is the state of a batch, changed by every item under one lock.
type tally struct {
	mu       sync.Mutex
	state    BulkState
	progress func(BulkState)
}

func (t *tally) add(written int64, finished int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.state.BytesWritten += written
	t.state.Finished += finished
	if t.progress != nil {
		t.progress(t.state)
	}
}

func saveOne[K any](ctx context.Context, key K, base SaveOptions, save func(context.Context, K, SaveOptions) (string, error), batch *tally) (result ItemResult[K]) {
	result.Key = key
	defer func() {
		if problem := recover(); problem != nil {
			result.Status, result.Path, result.Err = ItemFailed, "", fmt.Errorf("saving %v panicked: %v", key, problem)
		}
		batch.add(0, 1)
	}()
	if err := ctx.Err(); err != nil {
		result.Status, result.Err = ItemFailed, err
		return result
	}
	options := base
	var last int64
	options.Progress = func(written, _ int64) {
		batch.add(written-last, 0)
		last = written
	}
	found := &outcome{}
	path, err := save(context.WithValue(ctx, outcomeKey{}, found), key, options)
	switch {
	case err != nil:
		result.Status, result.Err = ItemFailed, err
	case found.skipped:
		result.Status, result.Path = ItemSkipped, path
	default:
		result.Status, result.Path = ItemSaved, path
	}
	return result
}
