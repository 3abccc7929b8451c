package apicoretest

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"apicoretest/apicore"
)

func TestEachStatusFamilyIsFoundWithErrorsAs(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		status, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/"))
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-Id", "req-1")
		w.WriteHeader(status)
		_, _ = fmt.Fprintf(w, `{"error": {"message": "  status   %d\n explained "}}`, status)
	})
	core := transport(t, s.URL, apicore.WithRetryPolicy(apicore.NoRetry()))
	check := func(status int, matches func(error) bool) {
		t.Helper()
		_, err := core.Do(background(t), get("/"+strconv.Itoa(status)))
		var base *apicore.APIError
		if !matches(err) || !errors.As(err, &base) || base.StatusCode != status {
			t.Fatalf("status %d gave %T: %v", status, err, err)
		}
		want := fmt.Sprintf("GET /%d -> %d %s: status %d explained (request id req-1)", status, status, http.StatusText(status), status)
		if base.Message != fmt.Sprintf("status %d explained", status) || err.Error() != want {
			t.Fatalf("status %d: message %q, text %q", status, base.Message, err.Error())
		}
	}
	check(400, func(err error) bool { var e *apicore.BadRequestError; return errors.As(err, &e) })
	check(401, func(err error) bool { var e *apicore.AuthenticationError; return errors.As(err, &e) })
	check(403, func(err error) bool { var e *apicore.PermissionDeniedError; return errors.As(err, &e) })
	check(404, func(err error) bool { var e *apicore.NotFoundError; return errors.As(err, &e) })
	check(409, func(err error) bool { var e *apicore.ConflictError; return errors.As(err, &e) })
	check(422, func(err error) bool { var e *apicore.UnprocessableEntityError; return errors.As(err, &e) })
	check(429, func(err error) bool { var e *apicore.RateLimitError; return errors.As(err, &e) })
	check(500, func(err error) bool { var e *apicore.InternalServerError; return errors.As(err, &e) })
	check(503, func(err error) bool { var e *apicore.InternalServerError; return errors.As(err, &e) })
	check(418, func(err error) bool { var e *apicore.NotFoundError; return !errors.As(err, &e) })
}

func TestErrorBodyIsReadBoundedAndMessageShortened(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = fmt.Fprintf(w, `{"message": "%s"}`, strings.Repeat("m", 10<<20))
	})
	_, err := transport(t, s.URL).Do(background(t), get("/x"))
	var base *apicore.APIError
	if !errors.As(err, &base) || len(base.Body) > apicore.ErrorBodyLimit || len([]rune(base.Message)) > apicore.MessageLimit {
		t.Fatalf("error body of %d bytes, message of %d characters: %v", len(base.Body), len(base.Message), err)
	}
}

func TestNoErrorTextShowsACredential(t *testing.T) {
	// A refused connection, with the key in the query.
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + listener.Addr().String()
	_ = listener.Close()
	core := transport(t, closed, apicore.WithAPIKey("key", "api_key", "query", secret), apicore.WithRetryPolicy(apicore.NoRetry()))
	_, err = core.Do(background(t), &apicore.Request{Method: "GET", Path: "/items", Security: [][]string{{"key"}}})
	var connection *apicore.ConnectionError
	if !errors.As(err, &connection) {
		t.Fatalf("want a ConnectionError, got %v", err)
	}
	assertNoSecret(t, err)

	// An error status answering a request with every kind of credential.
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) { w.WriteHeader(http.StatusUnauthorized) })
	core = transport(t, s.URL, apicore.WithAPIKey("key", "api_key", "query", secret), apicore.WithBearerToken("token", secret), apicore.WithBasicAuth("basic", "user", secret))
	for _, scheme := range []string{"key", "token", "basic"} {
		_, err = core.Do(background(t), &apicore.Request{Method: "GET", Path: "/items", Security: [][]string{{scheme}}})
		assertNoSecret(t, err)
	}

	// A credential that cannot be sent as a header.
	broken := secret + "\r\nX-Injected: 1"
	core = transport(t, s.URL, apicore.WithAPIKey("key", "X-API-Key", "header", broken), apicore.WithBearerToken("token", broken))
	for _, scheme := range []string{"key", "token"} {
		_, err = core.Do(background(t), &apicore.Request{Method: "GET", Path: "/items", Security: [][]string{{scheme}}})
		var argument *apicore.ArgumentError
		if !errors.As(err, &argument) || (argument.Parameter != "X-API-Key" && argument.Parameter != "Authorization") {
			t.Fatalf("want an ArgumentError naming the header, got %v", err)
		}
		assertNoSecret(t, err)
	}
	// A header name that is no token (an API key's name comes from the document).
	core = transport(t, s.URL, apicore.WithAPIKey("key", "X-Key\r\nInjected", "header", secret), apicore.WithRetryPolicy(fastRetry(2)))
	_, err = core.Do(background(t), &apicore.Request{Method: "GET", Path: "/items", Security: [][]string{{"key"}}})
	var argument *apicore.ArgumentError
	if !errors.As(err, &argument) || argument.Parameter != "header name" {
		t.Fatalf("want an ArgumentError for the header name, got %v", err)
	}
	assertNoSecret(t, err)
	if s.count() != 3 {
		t.Fatalf("%d requests; the broken credentials must not be sent", s.count())
	}

	// Printing the credentials themselves.
	for _, credential := range []apicore.Credential{apicore.APIKey{Name: "k", In: "header", Value: secret}, apicore.BearerToken{Token: secret}, apicore.BasicAuth{Username: "u", Password: secret}} {
		for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
			if text := fmt.Sprintf(format, credential); strings.Contains(text, secret) {
				t.Fatalf("%s shows the secret: %s", format, text)
			}
		}
	}
}

func TestMissingCredentialsNamesWhatWouldDo(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {})
	core := transport(t, s.URL, apicore.WithCredentialHint("key", "set IMAGES_API_KEY"))
	_, err := core.Do(background(t), &apicore.Request{Method: "GET", Path: "/x", Security: [][]string{{"key"}, {"oauth"}}})
	var missing *apicore.MissingCredentialsError
	want := "this operation needs credentials, provide one of: key (set IMAGES_API_KEY) | oauth"
	if !errors.As(err, &missing) || err.Error() != want || s.count() != 0 {
		t.Fatalf("got %v", err)
	}
	if _, err := core.Do(background(t), &apicore.Request{Method: "GET", Path: "/x", Security: [][]string{{"key"}, {}}}); err != nil {
		t.Fatalf("an empty alternative makes credentials optional: %v", err)
	}
}

func TestPathParametersStayOneSegment(t *testing.T) {
	var seen string
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		seen = r.URL.EscapedPath() + "?" + r.URL.RawQuery
	})
	core := transport(t, s.URL+"/v1/")
	request := &apicore.Request{Method: "GET", Path: "/items/{id}", PathParams: map[string]string{"id": "a/b c?d"}, Query: apicore.EncodeQuery("tag", []string{"x y", "z&w"}, "form", true)}
	if _, err := core.Do(background(t), request); err != nil {
		t.Fatal(err)
	}
	if want := "/v1/items/a%2Fb%20c%3Fd?tag=x%20y&tag=z%26w"; seen != want {
		t.Fatalf("sent %s, want %s", seen, want)
	}
	for _, value := range []string{"", ".", "..", "\xff"} {
		request.PathParams["id"] = value
		_, err := core.Do(background(t), request)
		var argument *apicore.ArgumentError
		if !errors.As(err, &argument) || argument.Parameter != "id" {
			t.Fatalf("%q: want an ArgumentError for id, got %v", value, err)
		}
	}
	if s.count() != 1 {
		t.Fatalf("%d requests; refused values must not be sent", s.count())
	}
}

func TestSuccessBodiesAreBounded(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		switch r.URL.Path {
		case "/declared":
			w.Header().Set("Content-Length", "4096")
			_, _ = w.Write([]byte(strings.Repeat("x", 4096)))
		case "/chunked":
			for i := 0; i < 8; i++ {
				_, _ = w.Write([]byte(strings.Repeat("x", 1024)))
				w.(http.Flusher).Flush()
			}
		case "/deep":
			_, _ = w.Write([]byte(strings.Repeat("[", 100000) + strings.Repeat("]", 100000)))
		}
	})
	core := transport(t, s.URL, apicore.WithMaxBodySize(2048))
	for _, path := range []string{"/declared", "/chunked"} {
		_, err := core.Do(background(t), get(path))
		var tooLarge *apicore.ResponseTooLargeError
		var decode *apicore.DecodeError
		declared := map[string]int64{"/declared": 4096, "/chunked": -1}[path] // refused before reading when declared
		if !errors.As(err, &tooLarge) || !errors.As(err, &decode) || tooLarge.Limit != 2048 || tooLarge.Declared != declared {
			t.Fatalf("%s: want ResponseTooLargeError, got %v", path, err)
		}
	}
	response, err := transport(t, s.URL).Do(background(t), get("/deep"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = apicore.DecodeJSON[any](response)
	var decode *apicore.DecodeError
	if !errors.As(err, &decode) || !strings.Contains(err.Error(), "JSON nested deeper than 256 levels") {
		t.Fatalf("want a DecodeError for deep JSON, got %v", err)
	}
}

func TestBadBaseURLIsAnArgumentError(t *testing.T) {
	for _, base := range []string{"", "ftp://host", "/relative", "http://"} {
		_, err := apicore.NewTransport(apicore.NewConfig(base, "agent"))
		var argument *apicore.ArgumentError
		if !errors.As(err, &argument) {
			t.Fatalf("%q: want an ArgumentError, got %v", base, err)
		}
	}
}
