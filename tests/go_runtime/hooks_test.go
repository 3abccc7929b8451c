package apicoretest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strings"
	"sync"
	"testing"

	"apicoretest/apicore"
)

func TestHooksRunAroundEachCall(t *testing.T) {
	a := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		if r.Header.Get("X-Team") != "imaging" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		if r.URL.Path == "/missing" {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		if hit == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte(`{}`))
	})
	var mu sync.Mutex
	var log []string
	note := func(text string) {
		mu.Lock()
		log = append(log, text)
		mu.Unlock()
	}
	core := transport(t, a.URL,
		apicore.WithRetryPolicy(fastRetry(1)),
		apicore.WithBeforeRequest(func(r *http.Request) error {
			note("before " + r.Method + " " + r.URL.Path)
			r.Header.Set("X-Team", "imaging")
			return nil
		}),
		apicore.WithAfterResponse(func(r *http.Response) error { note("after " + r.Status[:3]); return nil }),
		apicore.WithOnError(func(err error) {
			var status *apicore.NotFoundError
			if errors.As(err, &status) {
				note("error 404")
			}
		}),
	)
	if _, err := core.Do(background(t), get("/images")); err != nil {
		t.Fatal(err)
	}
	if _, err := core.Do(background(t), get("/missing")); err == nil {
		t.Fatal("want the 404")
	}
	// once per call: the retry after the 503 sends what the hook left
	want := "before GET /images,after 200,before GET /missing,after 404,error 404"
	if got := strings.Join(log, ","); got != want {
		t.Fatalf("hooks ran as %s, want %s", got, want)
	}
}

func TestHookErrorIsTheCallsError(t *testing.T) {
	a := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) { _, _ = w.Write([]byte(`{}`)) })
	refused := errors.New("refused by the hook")
	var seen error
	core := transport(t, a.URL,
		apicore.WithBeforeRequest(func(*http.Request) error { return refused }),
		apicore.WithOnError(func(err error) { seen = err }))
	if _, err := core.Do(background(t), get("/images")); !errors.Is(err, refused) || !errors.Is(seen, refused) || a.count() != 0 {
		t.Fatalf("want the hook's error and nothing sent, got %v (%d requests)", err, a.count())
	}
	after := transport(t, a.URL, apicore.WithAfterResponse(func(*http.Response) error { return refused }))
	if _, err := after.Do(background(t), get("/images")); !errors.Is(err, refused) {
		t.Fatalf("want the after-response hook's error, got %v", err)
	}
}

func TestHooksSeeTheTokenAndItsResend(t *testing.T) {
	tokens := issue(t, nil)
	a := api(t, "t1")
	var before, after []string
	core := oauthTransport(t, a.URL, tokens, clientSecrets,
		apicore.WithBeforeRequest(func(r *http.Request) error { before = append(before, r.Header.Get("Authorization")); return nil }),
		apicore.WithAfterResponse(func(r *http.Response) error { after = append(after, r.Status[:3]); return nil }))
	if _, err := core.Do(background(t), secured()); err != nil {
		t.Fatal(err)
	}
	if strings.Join(before, ",") != "Bearer t1" || strings.Join(after, ",") != "200" {
		t.Fatalf("before %v, after %v", before, after)
	}
}

// seen is what a loopback API received, request by request.
type seen struct {
	mu       sync.Mutex
	bodies   []string
	hosts    []string
	lengths  []int64
	requests int
}

func (s *seen) record(r *http.Request) {
	content, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bodies = append(s.bodies, string(content))
	s.hosts = append(s.hosts, r.Host)
	s.lengths = append(s.lengths, r.ContentLength)
	s.requests++
}

func (s *seen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return fmt.Sprintf("bodies %q, hosts %q, lengths %v", s.bodies, s.hosts, s.lengths)
}

func TestAHookReplacingTheBodyAndTheHostIsHonouredOnEveryAttempt(t *testing.T) {
	got := &seen{}
	a := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		got.record(r)
		if hit == 1 {
			w.WriteHeader(http.StatusServiceUnavailable) // the retry sends what the hook left
			return
		}
		_, _ = w.Write([]byte(`{}`))
	})
	var given []string
	runs := 0
	core := transport(t, a.URL,
		apicore.WithRetryPolicy(fastRetry(1)),
		apicore.WithBeforeRequest(func(r *http.Request) error {
			runs++
			if r.GetBody == nil {
				return errors.New("the hook is given no body")
			}
			again, err := r.GetBody() // the call's body, as the hook is given it
			if err != nil {
				return err
			}
			content, _ := io.ReadAll(again)
			given = append(given, string(content), fmt.Sprint(r.ContentLength))
			r.Body = io.NopCloser(strings.NewReader(`{"signed":true}`)) // a reader read once, no GetBody
			r.GetBody = nil
			r.ContentLength = int64(len(`{"signed":true}`))
			r.Host = "images.example"
			return nil
		}))
	request := &apicore.Request{Method: "PUT", Path: "/images/1", JSON: map[string]int{"n": 1}}
	if _, err := core.Do(background(t), request); err != nil {
		t.Fatal(err)
	}
	if runs != 1 || strings.Join(given, " ") != `{"n":1} 7` {
		t.Fatalf("the hook should run once and be given the call's body: %d runs, given %q", runs, given)
	}
	want := `bodies ["{\"signed\":true}" "{\"signed\":true}"], hosts ["images.example" "images.example"], lengths [15 15]`
	if got.String() != want {
		t.Fatalf("the API got %s, want %s", got, want)
	}
}

func TestAHookMayDropTheBodyOrSetTheHostAsAHeader(t *testing.T) {
	got := &seen{}
	a := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		got.record(r)
		_, _ = w.Write([]byte(`{}`))
	})
	core := transport(t, a.URL, apicore.WithBeforeRequest(func(r *http.Request) error {
		if r.Method == "PUT" {
			r.Body = http.NoBody
		}
		r.Header.Set("Host", "cdn.example:8443") // net/http alone sends no Host header from Header
		return nil
	}))
	if _, err := core.Do(background(t), &apicore.Request{Method: "PUT", Path: "/images/1", Body: []byte("x"), ContentType: "text/plain"}); err != nil {
		t.Fatal(err)
	}
	want := `bodies [""], hosts ["cdn.example:8443"], lengths [0]`
	if got.String() != want {
		t.Fatalf("the API got %s, want %s", got, want)
	}
}

func TestAHookReadingTheBodyLeavesItSent(t *testing.T) {
	got := &seen{}
	a := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		got.record(r)
		_, _ = w.Write([]byte(`{}`))
	})
	digest := ""
	core := transport(t, a.URL, apicore.WithBeforeRequest(func(r *http.Request) error {
		if r.Body == nil {
			return errors.New("the hook is given no body")
		}
		content, err := io.ReadAll(r.Body) // a signing hook reads the body it is given
		digest = string(content)
		return err
	}))
	if _, err := core.Do(background(t), &apicore.Request{Method: "POST", Path: "/jobs", JSON: []int{1, 2}}); err != nil {
		t.Fatal(err)
	}
	if want := `bodies ["[1,2]"], hosts ["` + strings.TrimPrefix(a.URL, "http://") + `"], lengths [5]`; digest != "[1,2]" || got.String() != want {
		t.Fatalf("the hook read %q; the API got %s, want %s", digest, got, want)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("the disk went away") }

func TestAHookChangeThatCannotBeSentIsRefused(t *testing.T) {
	a := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) { _, _ = w.Write([]byte(`{}`)) })
	cases := []struct {
		name, parameter, problem string
		hook                     func(*http.Request)
	}{
		{"a length without the body", "BeforeRequest", "ContentLength to 3 but left the body of 7 bytes", func(r *http.Request) { r.ContentLength = 3 }},
		{"a body its length does not count", "BeforeRequest", "ContentLength to 99 for a body of 2 bytes", func(r *http.Request) {
			r.Body, r.ContentLength = io.NopCloser(strings.NewReader("{}")), 99
		}},
		{"a length without a body", "BeforeRequest", "ContentLength to 4 without a body", func(r *http.Request) { r.Body, r.ContentLength = nil, 4 }},
		{"a body that cannot be read", "BeforeRequest", "cannot be read: the disk went away", func(r *http.Request) {
			r.Body = io.NopCloser(failingReader{})
		}},
		{"a Host that is not a host", "Host", `"evil.example\r\nX-Injected: 1" is not a host`, func(r *http.Request) { r.Host = "evil.example\r\nX-Injected: 1" }},
		{"a Host header that is not a host", "Host", `"a b" is not a host`, func(r *http.Request) { r.Header.Set("Host", "a b") }},
	}
	for _, c := range cases {
		core := transport(t, a.URL, apicore.WithBeforeRequest(func(r *http.Request) error { c.hook(r); return nil }))
		_, err := core.Do(background(t), &apicore.Request{Method: "PUT", Path: "/images/1", JSON: map[string]int{"n": 1}})
		var refused *apicore.ArgumentError
		if !errors.As(err, &refused) || refused.Parameter != c.parameter || !strings.Contains(refused.Problem, c.problem) {
			t.Fatalf("%s: want an ArgumentError for %s saying %q, got %v", c.name, c.parameter, c.problem, err)
		}
	}
	if a.count() != 0 {
		t.Fatalf("nothing should be sent, the API saw %d requests", a.count())
	}
}

// bodyDigest answers with the size and SHA-256 of the body it got.
func bodyDigest(t *testing.T) *server {
	return serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		digest := sha256.New()
		size, err := io.Copy(digest, r.Body)
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		_, _ = fmt.Fprintf(w, `{"size":%d,"sha256":"%x"}`, size, digest.Sum(nil))
	})
}

func digestOf(content []byte) string {
	return fmt.Sprintf(`{"size":%d,"sha256":"%x"}`, len(content), sha256.Sum256(content))
}

func TestACallBodyAHookPutsBackIsSentWhateverItsSize(t *testing.T) {
	a := bodyDigest(t)
	content := pattern(int(apicore.DefaultMaxBodySize)+1, 3) // past every limit on a body a hook sets
	core := transport(t, a.URL, apicore.WithMaxBodySize(1024), apicore.WithBeforeRequest(func(r *http.Request) error {
		signed := sha256.New()
		if _, err := io.Copy(signed, r.Body); err != nil { // a signing hook reads the body...
			return err
		}
		r.Header.Set("X-Signature", fmt.Sprintf("%x", signed.Sum(nil)))
		var err error
		r.Body, err = r.GetBody() // ...and puts it back
		return err
	}))
	response, err := core.Do(background(t), &apicore.Request{Method: "PUT", Path: "/upload", Body: content, ContentType: "application/octet-stream"})
	if err != nil {
		t.Fatalf("the call's body put back should be sent, got %v", err)
	}
	if got, want := string(response.Content), digestOf(content); got != want {
		t.Fatalf("the API got %s, want %s", got, want)
	}
}

func TestABodyAHookSetsIsSentWhenNoSizeIsTooLarge(t *testing.T) {
	a := bodyDigest(t)
	replaced := []byte(`{"signed":true}`)
	core := transport(t, a.URL, apicore.WithMaxBodySize(math.MaxInt64), apicore.WithBeforeRequest(func(r *http.Request) error {
		r.Body, r.GetBody = io.NopCloser(bytes.NewReader(replaced)), nil
		return nil
	}))
	response, err := core.Do(background(t), &apicore.Request{Method: "POST", Path: "/jobs", Body: []byte("unsigned"), ContentType: "text/plain"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(response.Content), digestOf(replaced); got != want {
		t.Fatalf("the API got %s, want %s", got, want)
	}
}

func TestABodyAHookSetsPastTheLimitIsRefused(t *testing.T) {
	a := bodyDigest(t)
	core := transport(t, a.URL, apicore.WithBeforeRequest(func(r *http.Request) error {
		r.Body = io.NopCloser(io.LimitReader(zeros{}, apicore.DefaultMaxBodySize+1))
		return nil
	}))
	_, err := core.Do(background(t), &apicore.Request{Method: "POST", Path: "/jobs", Body: []byte("x"), ContentType: "text/plain"})
	var refused *apicore.ArgumentError
	limit := fmt.Sprint(apicore.DefaultMaxBodySize)
	if !errors.As(err, &refused) || refused.Parameter != "BeforeRequest" || !strings.Contains(refused.Problem, "larger than "+limit+" bytes") || !strings.Contains(refused.Problem, "MaxBodySize") {
		t.Fatalf("want an ArgumentError naming the limit, got %v", err)
	}
	if a.count() != 0 {
		t.Fatalf("nothing should be sent, the API saw %d requests", a.count())
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for index := range p {
		p[index] = 0
	}
	return len(p), nil
}

// One header a name, whatever its case: an operation's own user-agent parameter (shutterstock's) replaces
// the client's User-Agent, and an operation's header replaces a client header of its name. Two keys of one
// name were both set, in a random order.
func TestAHeaderIsSentOnceWhateverTheCaseOfItsName(t *testing.T) {
	seen := make(chan http.Header, 1)
	a := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		seen <- r.Header.Clone()
		_, _ = w.Write([]byte(`{}`))
	})
	core := transport(t, a.URL, apicore.WithHeader("x-team", "client"))
	request := get("/validate")
	request.Headers = map[string]string{"user-agent": "mine/2", "X-TEAM": "operation"}
	if _, err := core.Do(context.Background(), request); err != nil {
		t.Fatal(err)
	}
	header := <-seen
	if got := header.Values("User-Agent"); len(got) != 1 || got[0] != "mine/2" {
		t.Errorf("User-Agent: %q", got)
	}
	if got := header.Values("X-Team"); len(got) != 1 || got[0] != "operation" {
		t.Errorf("X-Team: %q", got)
	}
}
