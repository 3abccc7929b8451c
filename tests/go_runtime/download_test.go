package apicoretest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"apicoretest/apicore"
)

func TestRedirectToASecondHostCarriesNoCredentials(t *testing.T) {
	files := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		if r.Header.Get("X-API-Key") != "" || r.Header.Get("Authorization") != "" || r.URL.Query().Get("key") != "" {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte("<Error><Message>Only one auth mechanism allowed</Message></Error>"))
			return
		}
		w.Header().Set("Content-Disposition", `attachment; filename="photo.jpg"`)
		_, _ = w.Write([]byte("JPEG bytes"))
	})
	api := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		if r.Header.Get("X-API-Key") != secret || r.Header.Get("Authorization") != "Bearer "+secret {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		http.Redirect(w, r, files.URL+"/bucket/photo.jpg?X-Amz-Signature=abc", http.StatusSeeOther)
	})
	core := transport(t, api.URL, apicore.WithAPIKey("key", "X-API-Key", "header", secret), apicore.WithBearerToken("token", secret))
	request := &apicore.Request{Method: "GET", Path: "/downloads/{id}", PathParams: map[string]string{"id": "7"}, Security: [][]string{{"key", "token"}}, ExpectRedirect: true}
	response, err := core.Do(background(t), request)
	if err != nil || response.StatusCode != http.StatusSeeOther {
		t.Fatalf("want the 303 itself, got %v, %v", response, err)
	}
	folder := t.TempDir()
	saved, err := core.FollowRedirect(background(t), response, folder, apicore.SaveOptions{})
	if err != nil {
		t.Fatalf("the file host saw credentials or the save failed: %v", err)
	}
	if content, _ := os.ReadFile(saved); filepath.Base(saved) != "photo.jpg" || string(content) != "JPEG bytes" {
		t.Fatalf("saved %s holding %q", saved, content)
	}
	// Without ExpectRedirect the API client neither follows nor accepts the redirect.
	request.ExpectRedirect = false
	_, err = core.Do(background(t), request)
	var status *apicore.APIError
	if !errors.As(err, &status) || status.StatusCode != http.StatusSeeOther || files.count() != 1 {
		t.Fatalf("want an APIError for the 303 and no request to the file host, got %v (%d)", err, files.count())
	}
}

func TestFileHostRefusingCredentialsIsReportedWithItsMessage(t *testing.T) {
	files := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte("<Error><Message>Only one auth mechanism allowed</Message></Error>"))
	})
	_, err := transport(t, "https://api.example").DownloadURL(background(t), files.URL+"/f", filepath.Join(t.TempDir(), "f"), apicore.SaveOptions{})
	var bad *apicore.BadRequestError
	if !errors.As(err, &bad) || bad.Message != "Only one auth mechanism allowed" {
		t.Fatalf("want BadRequestError with the XML message, got %v", err)
	}
}

func TestLargeStreamIsSavedWithBoundedMemory(t *testing.T) {
	const size = 48 << 20
	chunk := bytes.Repeat([]byte("0123456789abcdef"), 4096)
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		w.Header().Set("Content-Length", strconv.Itoa(size))
		for written := 0; written < size; written += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	expected := sha256.New()
	for written := 0; written < size; written += len(chunk) {
		expected.Write(chunk)
	}
	target := filepath.Join(t.TempDir(), "big.bin")
	var calls int
	var last int64
	progress := func(written, total int64) {
		calls++
		last = written
		if total != size {
			t.Errorf("progress total %d", total)
		}
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	saved, err := transport(t, "https://api.example").DownloadURL(background(t), s.URL+"/big.bin", target, apicore.SaveOptions{Progress: progress})
	runtime.ReadMemStats(&after)
	if err != nil || saved != target {
		t.Fatalf("saved %q, error %v", saved, err)
	}
	if allocated := after.TotalAlloc - before.TotalAlloc; allocated > 8<<20 {
		t.Fatalf("saving %d MiB allocated %d MiB", size>>20, allocated>>20)
	}
	file, _ := os.Open(target)
	defer file.Close()
	got := sha256.New()
	if _, err := io.Copy(got, file); err != nil || !bytes.Equal(got.Sum(nil), expected.Sum(nil)) || last != size || calls == 0 {
		t.Fatalf("the saved file differs from the body (progress %d after %d calls)", last, calls)
	}
}

func TestCutBodyLeavesNoFile(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		w.Header().Set("Content-Length", "1000000")
		_, _ = w.Write(bytes.Repeat([]byte("x"), 300000))
		w.(http.Flusher).Flush()
		connection, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			_ = connection.Close()
		}
	})
	folder, target := tempTarget(t, "cut.bin")
	_, err := transport(t, "https://api.example").DownloadURL(background(t), s.URL+"/cut.bin", target, apicore.SaveOptions{})
	var failed *apicore.DownloadError
	if !errors.As(err, &failed) {
		t.Fatalf("want a DownloadError, got %v", err)
	}
	assertEmptyFolder(t, folder)
}

func TestShortBodyWithoutErrorLeavesNoFile(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		w.Header().Set("Content-Encoding", "identity")
		_, _ = w.Write([]byte("abc"))
	})
	download, err := transport(t, "https://api.example").OpenURL(background(t), s.URL+"/f", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	download.Response.ContentLength = 10 // as a server announcing more than it sends
	folder, target := tempTarget(t, "f")
	_, err = download.Save(background(t), target, apicore.SaveOptions{})
	var failed *apicore.DownloadError
	if !errors.As(err, &failed) {
		t.Fatalf("want a DownloadError for an incomplete body, got %v", err)
	}
	assertEmptyFolder(t, folder)
}

func TestStalledBodyLeavesNoFile(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		w.Header().Set("Content-Length", "100000")
		_, _ = w.Write(bytes.Repeat([]byte("x"), 1000))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	folder, target := tempTarget(t, "stalled.bin")
	core := transport(t, "https://api.example", apicore.WithStallTimeout(300*time.Millisecond))
	started := time.Now()
	_, err := core.DownloadURL(background(t), s.URL+"/stalled.bin", target, apicore.SaveOptions{})
	var failed *apicore.DownloadError
	var connection *apicore.ConnectionError
	if !errors.As(err, &failed) || !errors.As(err, &connection) || !connection.Timeout {
		t.Fatalf("want a DownloadError from a stall timeout, got %v", err)
	}
	if elapsed := time.Since(started); elapsed > 3*time.Second {
		t.Fatalf("the stall was noticed after %s", elapsed)
	}
	assertEmptyFolder(t, folder)
}

func TestExistingTargetIsRefusedBeforeAnyRequest(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) { _, _ = w.Write([]byte("new")) })
	folder, target := tempTarget(t, "keep.txt")
	if err := os.WriteFile(target, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	core := transport(t, "https://api.example")
	_, err := core.DownloadURL(background(t), s.URL+"/keep.txt", target, apicore.SaveOptions{})
	var exists *apicore.FileExistsError
	if !errors.As(err, &exists) || !errors.Is(err, fs.ErrExist) || s.count() != 0 {
		t.Fatalf("want FileExistsError before any request, got %v after %d requests", err, s.count())
	}
	if content, _ := os.ReadFile(target); string(content) != "mine" {
		t.Fatalf("the user's file was changed: %q", content)
	}
	if _, err := core.DownloadURL(background(t), s.URL+"/keep.txt", target, apicore.SaveOptions{Overwrite: true}); err != nil {
		t.Fatal(err)
	}
	if content, _ := os.ReadFile(target); string(content) != "new" || len(folderEntries(t, folder)) != 1 {
		t.Fatalf("overwrite left %q and %v", content, folderEntries(t, folder))
	}
}

func TestTargetAppearingDuringTheDownloadIsNotReplaced(t *testing.T) {
	folder, target := tempTarget(t, "race.txt")
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) { _, _ = w.Write([]byte("downloaded")) })
	arrive := func(written, total int64) { _ = os.WriteFile(target, []byte("arrived meanwhile"), 0o644) }
	_, err := transport(t, "https://api.example").DownloadURL(background(t), s.URL+"/race.txt", target, apicore.SaveOptions{Progress: arrive})
	if !errors.Is(err, fs.ErrExist) {
		t.Fatalf("want FileExistsError, got %v", err)
	}
	if content, _ := os.ReadFile(target); string(content) != "arrived meanwhile" || len(folderEntries(t, folder)) != 1 {
		t.Fatalf("the file that appeared was replaced or a .part file was left: %v", folderEntries(t, folder))
	}
}

func TestServerChosenNamesStayInTheFolder(t *testing.T) {
	for _, disposition := range []string{`attachment; filename=".."`, `attachment; filename="../../etc/passwd"`, `attachment; filename*=UTF-8''%2Fetc%2Fpasswd`, "attachment; filename=\"a\x00b\""} {
		s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
			w.Header().Set("Content-Disposition", disposition)
			_, _ = w.Write([]byte("data"))
		})
		folder := t.TempDir()
		saved, err := transport(t, "https://api.example").DownloadURL(background(t), s.URL+"/files/", folder, apicore.SaveOptions{})
		if err != nil || filepath.Dir(saved) != folder || filepath.Base(saved)[0] == '.' {
			t.Fatalf("%q: saved as %q (%v)", disposition, saved, err)
		}
	}
}

func TestCancellationDuringSaveLeavesNoFile(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		w.Header().Set("Content-Length", "10000000")
		_, _ = w.Write(bytes.Repeat([]byte("x"), 100000))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	ctx, cancel := context.WithCancel(background(t))
	defer cancel()
	folder, target := tempTarget(t, "cancelled.bin")
	progress := func(written, total int64) { cancel() }
	started := time.Now()
	_, err := transport(t, "https://api.example").DownloadURL(ctx, s.URL+"/c", target, apicore.SaveOptions{Progress: progress})
	if !errors.Is(err, context.Canceled) || time.Since(started) > 3*time.Second {
		t.Fatalf("want context.Canceled at once, got %v after %s", err, time.Since(started))
	}
	assertEmptyFolder(t, folder)
}

func TestStreamedDownloadIsAReadCloser(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) { _, _ = w.Write([]byte("streamed body")) })
	download, err := transport(t, s.URL).Stream(background(t), get("/file"))
	if err != nil {
		t.Fatal(err)
	}
	var reader io.ReadCloser = download
	content, err := io.ReadAll(reader)
	if err != nil || string(content) != "streamed body" || reader.Close() != nil {
		t.Fatalf("read %q, %v", content, err)
	}
}

func TestExpiredLinkIsRefusedBeforeAnyRequest(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {})
	expiry, err := apicore.ParseExpiry(strconv.FormatInt(time.Now().Add(-time.Minute).UnixMilli(), 10))
	if err != nil {
		t.Fatal(err)
	}
	_, err = transport(t, "https://api.example").DownloadURL(background(t), s.URL+"/f", filepath.Join(t.TempDir(), "f"), apicore.SaveOptions{ExpiresAt: expiry})
	var expired *apicore.LinkExpiredError
	var failed *apicore.DownloadError
	if !errors.As(err, &expired) || !errors.As(err, &failed) || s.count() != 0 {
		t.Fatalf("want LinkExpiredError before any request, got %v", err)
	}
}
