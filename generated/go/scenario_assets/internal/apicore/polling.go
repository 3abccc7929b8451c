// Copied by generator 0.1.0 from templates/go/runtime/polling.go. Do not edit.
package apicore

import (
	"context"
	"errors"
	"time"
)

// Default waits of jobs and of resources that are not ready yet.
const (
	DefaultWaitTimeout  = 600 * time.Second
	DefaultPollInterval = 2 * time.Second
)

// WaitOptions bounds a wait: it polls every PollInterval (growing up to
// MaxPollInterval when that is larger) and gives up after Timeout.
type WaitOptions struct {
	Timeout         time.Duration
	PollInterval    time.Duration
	MaxPollInterval time.Duration
}

func (o WaitOptions) withDefaults() WaitOptions {
	if o.Timeout <= 0 {
		o.Timeout = DefaultWaitTimeout
	}
	if o.PollInterval <= 0 {
		o.PollInterval = DefaultPollInterval
	}
	if o.MaxPollInterval < o.PollInterval {
		o.MaxPollInterval = o.PollInterval
	}
	return o
}

func (o WaitOptions) next(interval time.Duration) time.Duration {
	grown := interval * 2
	if grown > o.MaxPollInterval || grown <= 0 {
		return o.MaxPollInterval
	}
	return grown
}

// IsConflict is the default "not ready yet" test: the API answered 409 Conflict.
func IsConflict(err error) bool {
	var conflict *ConflictError
	return errors.As(err, &conflict)
}

// WaitUntilReady is call's result, calling again while it fails with an error
// isNotReady accepts (IsConflict when nil). It waits the Retry-After the
// not-ready answer asks for, else the poll interval; other errors return at
// once. When no time is left, or the answer asks for a wait past the timeout,
// it gives up with NotReadyTimeoutError, whose Last is the last not-ready error.
func WaitUntilReady[T any](ctx context.Context, call func(context.Context) (T, error), isNotReady func(error) bool, options WaitOptions) (T, error) {
	options = options.withDefaults()
	if isNotReady == nil {
		isNotReady = IsConflict
	}
	deadline := time.Now().Add(options.Timeout)
	interval := options.PollInterval
	for {
		result, err := call(ctx)
		if err == nil || !isNotReady(err) {
			return result, err
		}
		remaining := time.Until(deadline)
		wait := interval
		var status *APIError
		if errors.As(err, &status) && status.HasRetryAfter {
			wait = status.RetryAfter
			if wait > remaining {
				return result, &NotReadyTimeoutError{Timeout: options.Timeout, Last: err}
			}
		}
		if remaining <= 0 {
			return result, &NotReadyTimeoutError{Timeout: options.Timeout, Last: err}
		}
		if wait > remaining {
			wait = remaining
		}
		if err := sleepContext(ctx, wait); err != nil {
			return result, err
		}
		interval = options.next(interval)
	}
}

// Job is an asynchronous job: poll its status, wait for its result URL, save its result.
type Job[S any] struct {
	// ID names the job in messages.
	ID string
	// Poll fetches the job's current status.
	Poll func(context.Context) (S, error)
	// StatusOf is the state a status reports; URLOf the result URL it names ("" if none).
	StatusOf func(S) string
	URLOf    func(S) string
	// Succeeded and Failed list the terminal states.
	Succeeded []string
	Failed    []string
	// Transport downloads the result with its credential-free client.
	Transport *Transport
}

// Status is the job's current status, as the API reports it.
func (j *Job[S]) Status(ctx context.Context) (S, error) { return j.Poll(ctx) }

// Wait polls until the job succeeded and names its result URL, and returns
// it; JobFailedError for a failure state, JobTimeoutError after the timeout.
func (j *Job[S]) Wait(ctx context.Context, options WaitOptions) (string, error) {
	options = options.withDefaults()
	deadline := time.Now().Add(options.Timeout)
	interval := options.PollInterval
	for {
		status, err := j.Poll(ctx)
		if err != nil {
			return "", err
		}
		state := j.StatusOf(status)
		if contains(j.Failed, state) {
			return "", &JobFailedError{JobID: j.ID, Status: state, Last: status}
		}
		if contains(j.Succeeded, state) {
			if url := j.URLOf(status); url != "" {
				return url, nil
			}
		}
		remaining := time.Until(deadline)
		if remaining <= 0 {
			return "", &JobTimeoutError{JobID: j.ID, Status: state, Timeout: options.Timeout}
		}
		wait := interval
		if wait > remaining {
			wait = remaining
		}
		if err := sleepContext(ctx, wait); err != nil {
			return "", err
		}
		interval = options.next(interval)
	}
}

// Save waits for the job, then downloads its result to path; an existing
// target is refused before waiting.
func (j *Job[S]) Save(ctx context.Context, path string, wait WaitOptions, save SaveOptions) (string, error) {
	if err := CheckTarget(path, save.Overwrite); err != nil {
		return "", err
	}
	url, err := j.Wait(ctx, wait)
	if err != nil {
		return "", err
	}
	return j.Transport.DownloadURL(ctx, url, path, save)
}

func contains(states []string, state string) bool {
	for _, candidate := range states {
		if candidate == state {
			return true
		}
	}
	return false
}
