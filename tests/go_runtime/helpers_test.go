package apicoretest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"apicoretest/apicore"
)

const secret = "s3cr3t-Value-42"

// server is a loopback test server counting its requests.
type server struct {
	*httptest.Server
	hits int64
}

func serve(t *testing.T, handler func(w http.ResponseWriter, r *http.Request, hit int)) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hit := int(atomic.AddInt64(&s.hits, 1))
		handler(w, r, hit)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) count() int { return int(atomic.LoadInt64(&s.hits)) }

func transport(t *testing.T, baseURL string, options ...apicore.Option) *apicore.Transport {
	t.Helper()
	config := apicore.NewConfig(baseURL, "apicoretest/1.0", options...)
	core, err := apicore.NewTransport(config)
	if err != nil {
		t.Fatalf("NewTransport: %v", err)
	}
	return core
}

func fastRetry(retries int) apicore.RetryPolicy {
	policy := apicore.DefaultRetryPolicy()
	policy.MaxRetries = retries
	policy.InitialDelay = time.Millisecond
	policy.MaxDelay = 20 * time.Millisecond
	policy.MaxElapsed = 10 * time.Second
	return policy
}

func get(path string) *apicore.Request {
	return &apicore.Request{Method: "GET", Path: path}
}

// folderEntries lists a folder's names (temporary ".part" files included).
func folderEntries(t *testing.T, folder string) []string {
	t.Helper()
	entries, err := os.ReadDir(folder)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{}
	for _, entry := range entries {
		names = append(names, entry.Name())
	}
	return names
}

func assertEmptyFolder(t *testing.T, folder string) {
	t.Helper()
	if names := folderEntries(t, folder); len(names) != 0 {
		t.Fatalf("the folder should be empty, holds %v", names)
	}
}

func assertNoSecret(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("an error was expected")
	}
	if strings.Contains(err.Error(), secret) {
		t.Fatalf("the message shows the secret: %s", err.Error())
	}
}

func background(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func tempTarget(t *testing.T, name string) (string, string) {
	folder := t.TempDir()
	return folder, filepath.Join(folder, name)
}
