// Copied by generator 0.1.0 from templates/go/runtime/hooks.go. Do not edit.
package apicore

// Hooks a client runs around every API call: before the request, after the
// response, on an error. They are given as options (WithBeforeRequest,
// WithAfterResponse, WithOnError), so they are fixed once the client is built
// and run without locks; several of a kind run in the order given.
//
// BeforeRequest gets the request about to be sent, once per call (retries and
// the resend after a 401 send what it left); it may change the headers, the
// URL, the body and the Host, and what it leaves is sent or refused with an
// *ArgumentError, never dropped (hookrequest.go). Its context is not the
// call's: use the call's own for anything that waits.
// AfterResponse gets the call's final response: for a call returning a value
// its body is already read and closed, for a streamed download it is not read
// yet (do not read it in the hook). OnError gets each error a call's request
// returns (a refused argument, a missing credential, a *TokenError, an error
// status, a connection failure). An error a hook returns is what the call
// returns. Downloads from presigned or redirect links (no credentials) run no
// hooks.
//
// The request a hook sees carries the call's credentials: a hook that logs
// should log the method and the path, not the headers.

import "net/http"

// Hooks are the hooks of one client, in the order they run.
type Hooks struct {
	BeforeRequest []func(*http.Request) error
	AfterResponse []func(*http.Response) error
	OnError       []func(error)
}

// WithBeforeRequest runs hook on each call's request before it is sent.
func WithBeforeRequest(hook func(*http.Request) error) Option {
	return func(c *Config) {
		if hook != nil {
			c.Hooks.BeforeRequest = append(c.Hooks.BeforeRequest, hook)
		}
	}
}

// WithAfterResponse runs hook on each call's final response.
func WithAfterResponse(hook func(*http.Response) error) Option {
	return func(c *Config) {
		if hook != nil {
			c.Hooks.AfterResponse = append(c.Hooks.AfterResponse, hook)
		}
	}
}

// WithOnError runs hook on each error a call's request returns.
func WithOnError(hook func(error)) Option {
	return func(c *Config) {
		if hook != nil {
			c.Hooks.OnError = append(c.Hooks.OnError, hook)
		}
	}
}

func (h Hooks) before(request *http.Request) error {
	for _, hook := range h.BeforeRequest {
		if err := hook(request); err != nil {
			return err
		}
	}
	return nil
}

func (h Hooks) after(response *http.Response) error {
	for _, hook := range h.AfterResponse {
		if err := hook(response); err != nil {
			return err
		}
	}
	return nil
}

func (h Hooks) failed(err error) {
	for _, hook := range h.OnError {
		hook(err)
	}
}
