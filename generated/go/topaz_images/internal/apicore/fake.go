// Copied by generator 0.1.0 from templates/go/runtime/fake.go. Do not edit.
package apicore

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ExampleFile is the body of a streamed download the fake answers when the spec gives none.
const ExampleFile = "example file content"

// FakeOperation is one operation as the fake API answers it by default: the
// spec's success example. Paging: past the first position the items are empty.
type FakeOperation struct {
	Name      string          `json:"name"`
	Method    string          `json:"method"`
	Path      string          `json:"path"`
	Status    int             `json:"status"`
	Body      json.RawMessage `json:"body"`
	MediaType *string         `json:"media_type"`
	Binary    bool            `json:"binary"`
	Paging    *struct {
		Parameter string `json:"parameter"`
		First     int    `json:"first"`
		Items     string `json:"items"`
	} `json:"paging,omitempty"`
}

// FakeOperations reads a package's table: one JSON object per operation; "body_of" names an
// earlier entry whose body is this one's too (written once).
func FakeOperations(entries []string) []FakeOperation {
	operations := make([]FakeOperation, 0, len(entries))
	for _, entry := range entries {
		var op FakeOperation
		// BodyOf: an earlier entry whose body is this one's too (written once).
		var shared struct {
			BodyOf *int `json:"body_of"`
		}
		if err := json.Unmarshal([]byte(entry), &op); err != nil {
			panic("apicore: a fake operation that is not JSON: " + err.Error())
		}
		if err := json.Unmarshal([]byte(entry), &shared); err != nil {
			panic("apicore: a fake operation that is not JSON: " + err.Error())
		}
		if shared.BodyOf != nil {
			if *shared.BodyOf < 0 || *shared.BodyOf >= len(operations) {
				panic("apicore: a fake operation's body_of names no earlier entry")
			}
			op.Body = operations[*shared.BodyOf].Body
		}
		operations = append(operations, op)
	}
	return operations
}

// Reply is one answer of the fake: a status (200 when 0), a JSON value or raw
// Body, headers; CutAfter > 0 breaks the body off after that many bytes (the
// Content-Length still announces all of it).
type Reply struct {
	Status   int
	JSON     any
	Body     []byte
	Headers  map[string]string
	CutAfter int
	// Answer, when set, makes the reply from the request instead.
	Answer func(request *FakeRequest) Reply
}

// FakeRequest is a request the fake received.
type FakeRequest struct {
	Method string
	URL    *url.URL
	Header http.Header
	Body   []byte
}

type servedFile struct {
	content   []byte
	expiresAt time.Time
	mediaType string
}

type route struct {
	op      FakeOperation
	pattern *regexp.Regexp
}

// FakeAPI answers every request of a client (files too) without a network: it
// is an http.RoundTripper (Client gives an *http.Client on it). Each operation
// answers its example until scripted. Safe for concurrent use.
type FakeAPI struct {
	// Now is the clock the expiry of served files is read on.
	Now        func() time.Time
	base       *url.URL
	mu         sync.Mutex
	operations map[string]FakeOperation
	names      []string
	routes     []route
	scripts    map[string][]Reply
	files      map[string]servedFile
	requests   []*FakeRequest
	seen       []string
}

// NewFakeAPI is a fake of the API at baseURL answering operations.
func NewFakeAPI(baseURL string, operations []FakeOperation) *FakeAPI {
	base, err := url.Parse(strings.TrimRight(baseURL, "/"))
	if err != nil || !base.IsAbs() {
		panic(fmt.Sprintf("apicore: the fake's base URL %q is not an absolute URL", baseURL))
	}
	f := &FakeAPI{Now: time.Now, base: base, operations: map[string]FakeOperation{}, scripts: map[string][]Reply{}, files: map[string]servedFile{}}
	for _, op := range operations {
		f.operations[op.Name] = op
		f.names = append(f.names, op.Name)
		f.routes = append(f.routes, route{op: op, pattern: pathPattern(op.Path)})
	}
	sort.SliceStable(f.routes, func(i, j int) bool {
		return strings.Count(f.routes[i].op.Path, "{") < strings.Count(f.routes[j].op.Path, "{")
	})
	return f
}

// BaseURL is the URL the fake answers at (the client's base URL).
func (f *FakeAPI) BaseURL() string { return f.base.String() }

// Client is an *http.Client whose every request this fake answers (no redirect followed).
func (f *FakeAPI) Client() *http.Client {
	return &http.Client{Transport: f, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// Operations are the names operations are scripted by (Service.Method).
func (f *FakeAPI) Operations() []string { return append([]string(nil), f.names...) }

func (f *FakeAPI) operation(name string) FakeOperation {
	op, ok := f.operations[name]
	if !ok {
		panic(fmt.Sprintf("apicore: no operation %q; the operations are %s", name, strings.Join(f.names, ", ")))
	}
	return op
}

// Script answers the next calls of operation name with replies in turn; the last one repeats.
func (f *FakeAPI) Script(name string, replies ...Reply) {
	f.operation(name)
	if len(replies) == 0 {
		panic("apicore: script at least one reply")
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.scripts[name] = append([]Reply(nil), replies...)
}

// Job makes the status operation name answer pending polls times, then done
// (a success or a failure, as its status field says).
func (f *FakeAPI) Job(name string, pending, done any, polls int) {
	replies := make([]Reply, 0, polls+1)
	for i := 0; i < polls; i++ {
		replies = append(replies, Reply{JSON: pending})
	}
	f.Script(name, append(replies, Reply{JSON: done})...)
}

// NotReady makes name answer 409 Conflict times times (not ready yet), then its example.
func (f *FakeAPI) NotReady(name string, times int) {
	replies := make([]Reply, 0, times+1)
	for i := 0; i < times; i++ {
		replies = append(replies, Reply{Status: http.StatusConflict, JSON: map[string]any{"message": "not ready yet"}})
	}
	f.Script(name, append(replies, f.Example(name))...)
}

// Body is a copy of operation name's example JSON body, to change and script.
func (f *FakeAPI) Body(name string) map[string]any {
	var body map[string]any
	if err := json.Unmarshal(f.operation(name).Body, &body); err != nil || body == nil {
		body = map[string]any{}
	}
	return body
}

// Example is the reply name gives unless scripted: its success example.
func (f *FakeAPI) Example(name string) Reply {
	op := f.operation(name)
	status := op.Status
	if op.Binary {
		return Reply{Status: status, Body: []byte(ExampleFile), Headers: map[string]string{"Content-Type": textOf(op.MediaType)}}
	}
	if op.MediaType == nil {
		return Reply{Status: status}
	}
	return Reply{Status: status, Body: append([]byte(nil), op.Body...), Headers: map[string]string{"Content-Type": *op.MediaType}}
}

// ServeFile serves content at link (any query) as a storage host would; at or
// after expiresAt (unless zero) it answers 403 as an expired presigned link.
func (f *FakeAPI) ServeFile(link string, content []byte, expiresAt time.Time) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.files[fileKey(link)] = servedFile{content: content, expiresAt: expiresAt, mediaType: "application/octet-stream"}
	return link
}

// Requests are every request received, in order.
func (f *FakeAPI) Requests() []*FakeRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]*FakeRequest(nil), f.requests...)
}

// Calls are the requests operation name received.
func (f *FakeAPI) Calls(name string) []*FakeRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	var calls []*FakeRequest
	for index, called := range f.seen {
		if called == name {
			calls = append(calls, f.requests[index])
		}
	}
	return calls
}

// RoundTrip answers request.
func (f *FakeAPI) RoundTrip(request *http.Request) (*http.Response, error) {
	if err := request.Context().Err(); err != nil {
		return nil, err
	}
	received := &FakeRequest{Method: strings.ToUpper(request.Method), URL: request.URL, Header: request.Header.Clone()}
	if request.Body != nil {
		body, err := io.ReadAll(request.Body)
		_ = request.Body.Close()
		if err != nil {
			return nil, err
		}
		received.Body = body
	}
	reply := f.answer(received)
	if reply.Answer != nil {
		reply = reply.Answer(received)
	}
	return respond(reply, request), nil
}

func (f *FakeAPI) answer(request *FakeRequest) Reply {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, request)
	if file, ok := f.files[fileKey(request.URL.String())]; ok {
		f.seen = append(f.seen, "")
		if !file.expiresAt.IsZero() && !f.Now().Before(file.expiresAt) {
			expired := "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"
			return Reply{Status: http.StatusForbidden, Body: []byte(expired), Headers: map[string]string{"Content-Type": "application/xml"}}
		}
		headers := map[string]string{"Content-Type": file.mediaType, "Content-Length": strconv.Itoa(len(file.content))}
		return Reply{Status: http.StatusOK, Body: file.content, Headers: headers}
	}
	op, ok := f.route(request)
	if !ok {
		f.seen = append(f.seen, "")
		message := fmt.Sprintf("no operation answers %s %s", request.Method, request.URL.Path)
		return Reply{Status: http.StatusNotFound, JSON: map[string]any{"message": message}}
	}
	f.seen = append(f.seen, op.Name)
	script := f.scripts[op.Name]
	if len(script) == 0 {
		return f.fallback(op, request)
	}
	reply := script[0]
	if len(script) > 1 {
		f.scripts[op.Name] = script[1:]
	}
	return reply
}

func (f *FakeAPI) fallback(op FakeOperation, request *FakeRequest) Reply {
	example := f.Example(op.Name)
	if op.Paging == nil {
		return example
	}
	position := request.URL.Query().Get(op.Paging.Parameter)
	if position == "" || position == strconv.Itoa(op.Paging.First) {
		return example
	}
	var body map[string]any
	if json.Unmarshal(op.Body, &body) != nil || body == nil {
		return example
	}
	body[op.Paging.Items] = []any{}
	return Reply{Status: op.Status, JSON: body}
}

func (f *FakeAPI) route(request *FakeRequest) (FakeOperation, bool) {
	if origin(request.URL) != origin(f.base) {
		return FakeOperation{}, false
	}
	prefix := strings.TrimRight(f.base.EscapedPath(), "/")
	path := request.URL.EscapedPath()
	if !strings.HasPrefix(path, prefix) {
		return FakeOperation{}, false
	}
	path = path[len(prefix):]
	for _, candidate := range f.routes {
		if strings.EqualFold(candidate.op.Method, request.Method) && candidate.pattern.MatchString(path) {
			return candidate.op, true
		}
	}
	return FakeOperation{}, false
}

func respond(reply Reply, request *http.Request) *http.Response {
	header := http.Header{}
	for name, value := range reply.Headers {
		header.Set(name, value)
	}
	body := reply.Body
	if body == nil && reply.JSON != nil {
		body, _ = json.Marshal(reply.JSON)
		if header.Get("Content-Type") == "" {
			header.Set("Content-Type", "application/json")
		}
	}
	status := reply.Status
	if status == 0 {
		status = http.StatusOK
	}
	if status == http.StatusNoContent || status == http.StatusNotModified || request.Method == http.MethodHead {
		body = nil
	}
	var reader io.Reader = bytes.NewReader(body)
	length := int64(len(body))
	if reply.CutAfter > 0 && reply.CutAfter < len(body) {
		reader = io.MultiReader(bytes.NewReader(body[:reply.CutAfter]), cutReader{})
	}
	if value := header.Get("Content-Length"); value != "" {
		length, _ = strconv.ParseInt(value, 10, 64)
	}
	header.Set("Content-Length", strconv.FormatInt(length, 10))
	return &http.Response{
		Status: fmt.Sprintf("%d %s", status, http.StatusText(status)), StatusCode: status,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: header, Body: io.NopCloser(reader), ContentLength: length, Request: request,
	}
}

func textOf(text *string) string {
	if text == nil {
		return ""
	}
	return *text
}

// cutReader is a connection closed before the body was complete.
type cutReader struct{}

func (cutReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func pathPattern(template string) *regexp.Regexp {
	var pattern strings.Builder
	pattern.WriteString("^")
	for index, part := range regexp.MustCompile(`\{[^}]*\}`).Split(template, -1) {
		if index > 0 {
			pattern.WriteString("[^/]+")
		}
		pattern.WriteString(regexp.QuoteMeta((&url.URL{Path: part}).EscapedPath()))
	}
	pattern.WriteString("$")
	return regexp.MustCompile(pattern.String())
}

func fileKey(link string) string {
	parsed, err := url.Parse(link)
	if err != nil {
		return link
	}
	return origin(parsed) + parsed.EscapedPath()
}
