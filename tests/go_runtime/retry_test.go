package apicoretest

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"apicoretest/apicore"
)

func TestRateLimitedThenOKHonoursRetryAfterSeconds(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		if hit == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		_, _ = w.Write([]byte(`{"ok": true}`))
	})
	started := time.Now()
	response, err := transport(t, s.URL).Do(background(t), get("/items"))
	if err != nil {
		t.Fatal(err)
	}
	if elapsed := time.Since(started); elapsed < 950*time.Millisecond {
		t.Fatalf("the retry came after %s, sooner than the 1 s asked for", elapsed)
	}
	body, err := apicore.DecodeJSON[map[string]bool](response)
	if err != nil || !body["ok"] || s.count() != 2 {
		t.Fatalf("body %v, error %v, requests %d", body, err, s.count())
	}
}

func TestServiceUnavailableHonoursRetryAfterDate(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		if hit == 1 {
			w.Header().Set("Retry-After", time.Now().Add(2*time.Second).UTC().Format(http.TimeFormat))
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte(`{}`))
	})
	started := time.Now()
	if _, err := transport(t, s.URL).Do(background(t), get("/items")); err != nil {
		t.Fatal(err)
	}
	// The date has whole seconds: the wait is between 1 and 2 s.
	if elapsed := time.Since(started); elapsed < 900*time.Millisecond || elapsed > 5*time.Second {
		t.Fatalf("the retry came after %s, not when the date said", elapsed)
	}
}

func TestRetryAfterPastTheBudgetGivesUpAtOnce(t *testing.T) {
	for _, value := range []string{"1e9", "120", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)} {
		s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
			w.Header().Set("Retry-After", value)
			w.WriteHeader(http.StatusTooManyRequests)
		})
		started := time.Now()
		_, err := transport(t, s.URL).Do(background(t), get("/items"))
		var limited *apicore.RateLimitError
		if !errors.As(err, &limited) || !limited.HasRetryAfter || limited.RetryAfter < time.Minute {
			t.Fatalf("Retry-After %q: want a RateLimitError carrying the wait, got %v", value, err)
		}
		if elapsed := time.Since(started); elapsed > time.Second || s.count() != 1 {
			t.Fatalf("Retry-After %q: %d requests in %s; want one, at once", value, s.count(), elapsed)
		}
	}
}

func TestUnreadableRetryAfterWaitsTheLongestBackoff(t *testing.T) {
	for _, value := range []string{"soon", "-5", "inf", "1_000", "Wednesday, 21-Oct-15 07:28:00 GMT"} {
		if _, ok := apicore.ParseRetryAfter(http.Header{"Retry-After": {value}}, time.Now()); ok {
			t.Fatalf("%q was read as a wait", value)
		}
		s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
			if hit == 1 {
				w.Header().Set("Retry-After", value)
				w.WriteHeader(http.StatusServiceUnavailable)
			}
		})
		policy := fastRetry(1)
		policy.MaxDelay = 300 * time.Millisecond
		started := time.Now()
		if _, err := transport(t, s.URL, apicore.WithRetryPolicy(policy)).Do(background(t), get("/x")); err != nil {
			t.Fatal(err)
		}
		if elapsed := time.Since(started); elapsed < 300*time.Millisecond {
			t.Fatalf("Retry-After %q: retried after %s, sooner than MaxDelay", value, elapsed)
		}
	}
	for value, want := range map[string]time.Duration{"1.5": 1500 * time.Millisecond, "1e3": 1000 * time.Second, "0": 0} {
		got, ok := apicore.ParseRetryAfter(http.Header{"Retry-After": {value}}, time.Now())
		if !ok || got != want {
			t.Fatalf("%q read as %s, %v; want %s", value, got, ok, want)
		}
	}
}

func TestRetriesAreBounded(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"message": "down for maintenance"}`))
	})
	_, err := transport(t, s.URL, apicore.WithRetryPolicy(fastRetry(2))).Do(background(t), get("/items"))
	var server *apicore.InternalServerError
	if !errors.As(err, &server) || server.Message != "down for maintenance" {
		t.Fatalf("want InternalServerError with the API's message, got %v", err)
	}
	if s.count() != 3 {
		t.Fatalf("%d requests; want the first and 2 retries", s.count())
	}
}

func TestPostIsNotRetriedAfterAServerError(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	request := &apicore.Request{Method: "POST", Path: "/jobs", JSON: map[string]int{"n": 1}}
	_, err := transport(t, s.URL, apicore.WithRetryPolicy(fastRetry(2))).Do(background(t), request)
	if err == nil || s.count() != 1 {
		t.Fatalf("a POST that may have acted was sent %d times (error %v)", s.count(), err)
	}
}

func TestBrokenConnectionIsRetriedForGet(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		if hit == 1 {
			connection, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				_ = connection.Close()
			}
			return
		}
		_, _ = w.Write([]byte(`[]`))
	})
	if _, err := transport(t, s.URL, apicore.WithRetryPolicy(fastRetry(2))).Do(background(t), get("/items")); err != nil {
		t.Fatalf("a GET whose connection broke was not retried: %v", err)
	}
	if s.count() != 2 {
		t.Fatalf("%d requests, want 2", s.count())
	}
}

func TestCancellationStopsTheRetryWait(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		w.Header().Set("Retry-After", "20")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	started := time.Now()
	_, err := transport(t, s.URL).Do(ctx, get("/items"))
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(started) > 2*time.Second {
		t.Fatalf("want the context's error at once, got %v after %s", err, time.Since(started))
	}
}

func TestTimeoutIsAConnectionError(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	core := transport(t, s.URL, apicore.WithTimeout(150*time.Millisecond), apicore.WithRetryPolicy(apicore.NoRetry()))
	_, err := core.Do(background(t), get("/slow"))
	var connection *apicore.ConnectionError
	if !errors.As(err, &connection) || !connection.Timeout {
		t.Fatalf("want a ConnectionError with Timeout, got %v", err)
	}
}

func TestConflictThenReady(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		if hit < 3 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusConflict)
			return
		}
		_, _ = w.Write([]byte(`{"url": "https://files.example/1"}`))
	})
	core := transport(t, s.URL)
	call := func(ctx context.Context) (*apicore.Response, error) { return core.Do(ctx, get("/download")) }
	options := apicore.WaitOptions{Timeout: 5 * time.Second, PollInterval: 10 * time.Millisecond}
	response, err := apicore.WaitUntilReady(background(t), call, nil, options)
	if err != nil || response.StatusCode != 200 || s.count() != 3 {
		t.Fatalf("response %v, error %v, %d requests", response, err, s.count())
	}
}

func TestConflictForeverTimesOut(t *testing.T) {
	for _, retryAfter := range []string{"", "3600"} {
		s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
			if retryAfter != "" {
				w.Header().Set("Retry-After", retryAfter)
			}
			w.WriteHeader(http.StatusConflict)
		})
		core := transport(t, s.URL)
		call := func(ctx context.Context) (*apicore.Response, error) { return core.Do(ctx, get("/download")) }
		options := apicore.WaitOptions{Timeout: 800 * time.Millisecond, PollInterval: 20 * time.Millisecond}
		started := time.Now()
		_, err := apicore.WaitUntilReady(background(t), call, nil, options)
		var timeout *apicore.NotReadyTimeoutError
		var conflict *apicore.ConflictError
		if !errors.As(err, &timeout) || !errors.As(err, &conflict) {
			t.Fatalf("want NotReadyTimeoutError wrapping the ConflictError, got %v", err)
		}
		// A wait past the timeout gives up at once instead of sleeping until it.
		if elapsed := time.Since(started); elapsed > 3*time.Second || (retryAfter != "" && elapsed > 400*time.Millisecond) {
			t.Fatalf("Retry-After %q: gave up after %s", retryAfter, elapsed)
		}
	}
}

func TestOtherErrorsEndTheWaitAtOnce(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) { w.WriteHeader(http.StatusNotFound) })
	core := transport(t, s.URL)
	call := func(ctx context.Context) (*apicore.Response, error) { return core.Do(ctx, get("/download")) }
	_, err := apicore.WaitUntilReady(background(t), call, nil, apicore.WaitOptions{Timeout: 5 * time.Second})
	var missing *apicore.NotFoundError
	if !errors.As(err, &missing) || s.count() != 1 {
		t.Fatalf("want the NotFoundError at once, got %v after %d requests", err, s.count())
	}
}
