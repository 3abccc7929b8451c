// Copied by generator 0.1.0 from templates/go/runtime/transport.go. Do not edit.
package apicore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Request is one call as a generated operation describes it.
type Request struct {
	Method string
	// Path is the operation's path template, such as "/images/{id}".
	Path       string
	PathParams map[string]string
	// PathSegments holds path parameters already written by their style (PathValue), percent-encoded.
	PathSegments map[string]string
	// Query holds the pairs in the order they are sent, values already formatted.
	Query   []QueryParam
	Headers map[string]string
	// JSON, when not nil, is sent as a JSON body, typed ContentType (application/json when empty).
	JSON any
	// Body, when not nil, is sent as it is with ContentType.
	Body        []byte
	ContentType string
	// Security lists the alternatives of scheme names (see ApplySecurity).
	Security [][]string
	// ExpectRedirect returns a 3xx response instead of an error.
	ExpectRedirect bool
	// FollowRedirects follows redirects; honoured only for operations without security.
	FollowRedirects bool
	// URL, when set, is an absolute link (a next page's) sent in place of Path
	// and Query, with the credentials' and call options' query pairs set on it.
	// Off the API's scheme, host and port it is a *PaginationError: nothing is sent.
	URL string
}

// Response is an API response whose body was read (at most MaxBodySize bytes) and closed.
type Response struct {
	*http.Response
	// Content is the body.
	Content []byte
	// Method and Path name the request, for messages.
	Method string
	Path   string
}

func (r *Response) decodeError(problem string) *DecodeError {
	return &DecodeError{StatusCode: r.StatusCode, Problem: problem, Response: r.Response}
}

// CallOption changes one call.
type CallOption func(*callSettings)

type callSettings struct {
	retry   *RetryPolicy
	timeout *time.Duration
	headers map[string]string
	query   []QueryParam
}

// WithCallRetry uses policy for this call.
func WithCallRetry(policy RetryPolicy) CallOption {
	return func(s *callSettings) { s.retry = &policy }
}

// WithCallTimeout bounds each attempt of this call (0: no bound).
func WithCallTimeout(timeout time.Duration) CallOption {
	return func(s *callSettings) { s.timeout = &timeout }
}

// WithExtraHeader sends one more header with this call (it wins over every other).
func WithExtraHeader(name, value string) CallOption {
	return func(s *callSettings) {
		if s.headers == nil {
			s.headers = map[string]string{}
		}
		s.headers[name] = value
	}
}

// WithExtraQuery sends one more query pair with this call.
func WithExtraQuery(name, value string) CallOption {
	return func(s *callSettings) { s.query = append(s.query, QueryParam{Name: name, Value: value}) }
}

// Transport sends a client's requests: builds them, attaches credentials,
// retries, and returns typed errors. It is safe for concurrent use.
type Transport struct {
	config   Config
	base     string
	follow   *http.Client
	noFollow *http.Client
	bareOnce sync.Once
	bare     *http.Client
}

// NewTransport checks config and returns its transport.
func NewTransport(config Config) (*Transport, error) {
	parsed, err := url.Parse(config.BaseURL)
	if err != nil || (parsed.Scheme != "http" && parsed.Scheme != "https") || parsed.Host == "" {
		return nil, &ArgumentError{Parameter: "BaseURL", Problem: fmt.Sprintf("must be an absolute http(s) URL, got %q", config.BaseURL)}
	}
	if config.MaxBodySize < 0 {
		return nil, &ArgumentError{Parameter: "MaxBodySize", Problem: fmt.Sprintf("must be a number of bytes, got %d", config.MaxBodySize)}
	}
	follow := config.HTTPClient
	if follow == nil {
		follow = &http.Client{}
	}
	noFollow := *follow
	noFollow.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	config.Credentials = withTokenSources(config.Credentials, config.OAuth2)
	return &Transport{
		config:   config,
		base:     strings.TrimRight(config.BaseURL, "/"),
		follow:   follow,
		noFollow: &noFollow,
	}, nil
}

// Config is the transport's configuration.
func (t *Transport) Config() Config { return t.config }

// DownloadClient is the credential-free client for presigned URLs and redirect targets.
func (t *Transport) DownloadClient() *http.Client {
	t.bareOnce.Do(func() {
		t.bare = t.config.DownloadClient
		if t.bare == nil {
			t.bare = BareClient()
		}
	})
	return t.bare
}

// Do sends the call and returns the response with its body read; an error
// status (or a 3xx unless ExpectRedirect) is returned as its typed error.
func (t *Transport) Do(ctx context.Context, request *Request, options ...CallOption) (*Response, error) {
	sent, err := t.send(ctx, request, options, true)
	if err != nil {
		return nil, err
	}
	return sent.readResponse(), nil
}

// Stream sends the call and returns the response with its body unread, as a
// Download the caller must Close; its reads stall out after the StallTimeout.
func (t *Transport) Stream(ctx context.Context, request *Request, options ...CallOption) (*Download, error) {
	sent, err := t.send(ctx, request, options, false)
	if err != nil {
		return nil, err
	}
	return sent.download(t.config.StallTimeout), nil
}

// send runs the call with the client's hooks (hooks.go): OnError sees every error it returns.
func (t *Transport) send(ctx context.Context, request *Request, options []CallOption, readBody bool) (*attempt, error) {
	sent, err := t.sendOnce(ctx, request, options, readBody)
	if err != nil {
		t.config.Hooks.failed(err)
	}
	return sent, err
}

// sendOnce sends the call; an OAuth2 token the API answers 401 to is dropped
// and the call sent once more with a new one.
func (t *Transport) sendOnce(ctx context.Context, request *Request, options []CallOption, readBody bool) (*attempt, error) {
	settings := callSettings{}
	for _, option := range options {
		if option != nil {
			option(&settings)
		}
	}
	sources := tokenSourcesInUse(request.Security, t.config.Credentials)
	credentials, fresh, err := t.freshTokens(ctx, sources, t.config.Credentials)
	if err != nil {
		return nil, err
	}
	built, err := t.build(request, settings, credentials)
	if err != nil {
		return nil, err
	}
	client := t.noFollow
	if request.FollowRedirects && len(request.Security) == 0 {
		client = t.follow
	}
	policy := t.config.Retry
	if settings.retry != nil {
		policy = *settings.retry
	}
	timeout := t.config.Timeout
	if settings.timeout != nil {
		timeout = *settings.timeout
	}
	exchange := &exchange{
		client: client, build: built.request, policy: policy, timeout: timeout,
		readBody: readBody, maxBody: t.config.MaxBodySize, path: request.Path,
	}
	sent, err := exchange.run(ctx)
	if err != nil {
		return nil, err
	}
	if sent.response.StatusCode == http.StatusUnauthorized && len(fresh) > 0 {
		sent.close()
		for index, source := range sources {
			source.Invalidate(fresh[index])
		}
		if _, fresh, err = t.freshTokens(ctx, sources, nil); err != nil {
			return nil, err
		}
		for _, token := range fresh {
			if err := built.authorize(token); err != nil {
				return nil, err
			}
		}
		if sent, err = exchange.run(ctx); err != nil {
			return nil, err
		}
	}
	if err := t.config.Hooks.after(sent.response); err != nil {
		sent.close()
		return nil, err
	}
	if failed(sent.response.StatusCode, request.ExpectRedirect) {
		return nil, sent.statusError()
	}
	return sent, nil
}

// freshTokens is a fresh token from each source (asked for now if needed), in
// order, and credentials (when not nil) with each token as the bearer token of its scheme.
func (t *Transport) freshTokens(ctx context.Context, sources []*OAuth2Tokens, credentials map[string]Credential) (map[string]Credential, []string, error) {
	if len(sources) == 0 {
		return credentials, nil, nil
	}
	tokens := make([]string, 0, len(sources))
	for _, source := range sources {
		token, err := source.Token(ctx, t.noFollow, t.base, t.config.Timeout)
		if err != nil {
			return nil, nil, err
		}
		tokens = append(tokens, token)
	}
	if credentials == nil {
		return nil, tokens, nil
	}
	sent := make(map[string]Credential, len(credentials))
	for scheme, credential := range credentials {
		sent[scheme] = credential
		if oauth, ok := credential.(OAuth2Credential); ok {
			for index, source := range sources {
				if oauth.Tokens == source {
					sent[scheme] = BearerToken{Token: tokens[index]}
				}
			}
		}
	}
	return sent, tokens, nil
}

// prepared is a call's request as the hooks left it (hookrequest.go); each
// attempt sends a copy: method, URL, headers, body and Host.
type prepared struct {
	proto *http.Request
	body  []byte
	host  string // the Host a hook set, or "" for the URL's
}

func (p *prepared) request(ctx context.Context) (*http.Request, error) {
	var reader io.Reader
	if p.body != nil {
		reader = bytes.NewReader(p.body)
	}
	built, err := http.NewRequestWithContext(ctx, p.proto.Method, p.proto.URL.String(), reader)
	if err != nil {
		return nil, &ArgumentError{Parameter: "URL", Problem: "cannot be built: " + describeURLError(err)}
	}
	built.Header = p.proto.Header.Clone()
	if p.host != "" {
		built.Host = p.host
	}
	return built, nil
}

// authorize replaces the bearer token the request carries.
func (p *prepared) authorize(token string) error {
	if err := CheckHeaderValue("Authorization", "Bearer "+token); err != nil {
		return err
	}
	p.proto.Header.Set("Authorization", "Bearer "+token)
	return nil
}

// setHeader sets the header name to value, replacing one of that name in another case: a header is sent once
// whatever the case of its name, the later source's (an operation's own user-agent parameter, shutterstock's,
// replaces the User-Agent; two keys of one name were both set, in a random order).
func setHeader(headers map[string]string, name, value string) {
	for existing := range headers {
		if existing != name && strings.EqualFold(existing, name) {
			delete(headers, existing)
		}
	}
	headers[name] = value
}

// build is the call's request, before each attempt's copy; precedence of headers:
// User-Agent < client headers < operation < credentials < call options; then the
// BeforeRequest hooks see it, body included, and what they leave is sent.
func (t *Transport) build(request *Request, settings callSettings, credentials map[string]Credential) (*prepared, error) {
	method := strings.ToUpper(request.Method)
	path, err := ExpandPathSegments(request.Path, request.PathParams, request.PathSegments)
	if err != nil {
		return nil, err
	}
	headers := map[string]string{}
	if t.config.UserAgent != "" {
		headers["User-Agent"] = t.config.UserAgent
	}
	for _, source := range []map[string]string{t.config.Headers, request.Headers} {
		for name, value := range source {
			setHeader(headers, name, value)
		}
	}
	query := append([]QueryParam(nil), request.Query...)
	if err := ApplySecurity(headers, &query, request.Security, credentials, t.config.CredentialHints); err != nil {
		return nil, err
	}
	for name, value := range settings.headers {
		setHeader(headers, name, value)
	}
	query = append(query, settings.query...)
	var body []byte
	switch {
	case request.JSON != nil:
		if body, err = EncodeJSON(request.JSON); err != nil {
			return nil, err
		}
		headers["Content-Type"] = "application/json"
		if request.ContentType != "" {
			headers["Content-Type"] = request.ContentType
		}
	case request.Body != nil:
		body = request.Body
		if request.ContentType != "" {
			headers["Content-Type"] = request.ContentType
		}
	}
	for name, value := range headers {
		if err := CheckHeaderName(name); err != nil {
			return nil, err
		}
		if err := CheckHeaderValue(name, value); err != nil {
			return nil, err
		}
	}
	for _, pair := range query {
		if err := CheckText(pair.Name, pair.Value); err != nil {
			return nil, err
		}
	}
	target := t.base + path
	if len(query) > 0 {
		target += "?" + encodeQuery(query)
	}
	if request.URL != "" {
		if target, err = nextTarget(t.base, request.URL, query[len(request.Query):]); err != nil {
			return nil, err
		}
	}
	proto, err := http.NewRequestWithContext(context.Background(), method, target, nil)
	if err != nil {
		return nil, &ArgumentError{Parameter: "URL", Problem: "cannot be built: " + describeURLError(err)}
	}
	for name, value := range headers {
		proto.Header.Set(name, value)
	}
	return t.hooked(proto, body)
}

func encodeQuery(query []QueryParam) string {
	parts := make([]string, 0, len(query))
	for _, pair := range query {
		parts = append(parts, queryEscape(pair.Name)+"="+queryEscape(pair.Value))
	}
	return strings.Join(parts, "&")
}

func queryEscape(text string) string {
	return strings.ReplaceAll(url.QueryEscape(text), "+", "%20")
}

func failed(status int, allowRedirect bool) bool {
	return status >= 400 || (status >= 300 && status < 400 && !allowRedirect)
}

var idempotentMethods = map[string]bool{"GET": true, "HEAD": true, "OPTIONS": true, "PUT": true, "DELETE": true, "TRACE": true}

// exchange sends one request with the retries its policy allows.
type exchange struct {
	client   *http.Client
	build    func(context.Context) (*http.Request, error)
	policy   RetryPolicy
	timeout  time.Duration
	readBody bool
	maxBody  int64
	path     string
}

// attempt is the response of the attempt that was kept, with what ends it.
type attempt struct {
	response *http.Response
	content  []byte
	method   string
	path     string
	cancel   context.CancelFunc
	timer    *time.Timer
	timedOut *flag
}

func (e *exchange) run(ctx context.Context) (*attempt, error) {
	started := time.Now()
	for number := 0; ; number++ {
		sent, err := e.once(ctx)
		var wait time.Duration
		var retry bool
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			var connection *ConnectionError
			if !errors.As(err, &connection) || errors.Is(err, ErrTooManyRedirects) {
				return nil, err
			}
			if idempotentMethods[connection.Method] || e.policy.RetryUnsafeMethods || unsent(connection.Err) {
				wait, retry = e.policy.Delay(number, 0, false, time.Since(started))
			}
			if !retry {
				return nil, err
			}
		} else {
			wait, retry = e.statusWait(sent, number, time.Since(started))
			if !retry {
				return sent, nil
			}
			sent.close()
		}
		if err := sleepContext(ctx, wait); err != nil {
			return nil, err
		}
	}
}

func (e *exchange) statusWait(sent *attempt, number int, elapsed time.Duration) (time.Duration, bool) {
	status := sent.response.StatusCode
	if !e.policy.retriesStatus(status) {
		return 0, false
	}
	if !(idempotentMethods[sent.method] || e.policy.RetryUnsafeMethods || status == 408 || status == 429) {
		return 0, false
	}
	asked, hasAsked := RequestedWait(sent.response.Header, e.policy)
	return e.policy.Delay(number, asked, hasAsked, elapsed)
}

func (e *exchange) once(ctx context.Context) (*attempt, error) {
	attemptCtx, cancel := context.WithCancel(ctx)
	timedOut := &flag{}
	var timer *time.Timer
	if e.timeout > 0 {
		timer = time.AfterFunc(e.timeout, func() { timedOut.set(); cancel() })
	}
	stop := func() {
		if timer != nil {
			timer.Stop()
		}
		cancel()
	}
	request, err := e.build(attemptCtx)
	if err != nil {
		stop()
		return nil, err
	}
	response, err := e.client.Do(request)
	if err != nil {
		stop()
		return nil, connectionError(request, err, timedOut.get())
	}
	sent := &attempt{response: response, method: request.Method, path: e.path, cancel: cancel, timer: timer, timedOut: timedOut}
	if e.readBody && response.StatusCode < 400 {
		defer stop()
		content, err := readCapped(response, e.maxBody)
		if err != nil {
			var tooLarge *ResponseTooLargeError
			if errors.As(err, &tooLarge) {
				return nil, err
			}
			return nil, connectionError(request, err, timedOut.get())
		}
		sent.content = content
	}
	return sent, nil
}

func (a *attempt) close() {
	_ = a.response.Body.Close()
	if a.timer != nil {
		a.timer.Stop()
	}
	a.cancel()
}

// readResponse is the kept attempt as a Response; its body was read in the attempt.
func (a *attempt) readResponse() *Response {
	return &Response{Response: a.response, Content: a.content, Method: a.method, Path: a.path}
}

func (a *attempt) statusError() error {
	defer a.close()
	body, _ := io.ReadAll(io.LimitReader(a.response.Body, ErrorBodyLimit))
	return StatusError(a.response, body, a.method, a.path)
}

func readCapped(response *http.Response, limit int64) ([]byte, error) {
	defer response.Body.Close()
	if declared := DeclaredSize(response); declared > limit {
		return nil, newTooLarge(response, limit, declared)
	}
	content, err := io.ReadAll(io.LimitReader(response.Body, onePast(limit)))
	if err != nil {
		return nil, err
	}
	if int64(len(content)) > limit {
		return nil, newTooLarge(response, limit, -1)
	}
	return content, nil
}

// onePast is how much to read to tell a body over limit (one byte more),
// limit itself when no body can be over it (math.MaxInt64).
func onePast(limit int64) int64 {
	if limit < math.MaxInt64 {
		return limit + 1
	}
	return limit
}

// DeclaredSize is the Content-Length when it counts the bytes read (not a
// compressed transfer), or -1.
func DeclaredSize(response *http.Response) int64 {
	if encoding := response.Header.Get("Content-Encoding"); encoding != "" && encoding != "identity" {
		return -1
	}
	if response.Uncompressed {
		return -1
	}
	return response.ContentLength
}

func connectionError(request *http.Request, err error, timedOut bool) *ConnectionError {
	place := request.URL.Scheme + "://" + request.URL.Host + request.URL.EscapedPath()
	var urlError *url.Error
	if errors.As(err, &urlError) {
		err = urlError.Err
	}
	if timedOut {
		err = fmt.Errorf("no response within the timeout: %w", err)
	}
	var netError net.Error
	timeout := timedOut || (errors.As(err, &netError) && netError.Timeout())
	return &ConnectionError{Method: request.Method, URL: place, Timeout: timeout, Err: err}
}

func unsent(err error) bool {
	var operation *net.OpError
	return errors.As(err, &operation) && operation.Op == "dial"
}

func describeURLError(err error) string {
	var urlError *url.Error
	if errors.As(err, &urlError) {
		return urlError.Err.Error()
	}
	return err.Error()
}

func sleepContext(ctx context.Context, wait time.Duration) error {
	if wait <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

type flag struct {
	mu    sync.Mutex
	value bool
}

func (f *flag) set() {
	f.mu.Lock()
	f.value = true
	f.mu.Unlock()
}

func (f *flag) get() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.value
}
