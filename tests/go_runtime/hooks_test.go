package apicoretest

import (
	"errors"
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
