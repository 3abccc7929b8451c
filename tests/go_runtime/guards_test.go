package apicoretest

import (
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"apicoretest/apicore"
)

// What keeps one download's bytes apart from another's, and what a transfer
// asks for and checks: one writer per part, one item per file in a batch, the
// file's own bytes (no compression), digests checked on the bytes written, no
// password in the side file.

func md5Base64(content []byte) string {
	sum := md5.Sum(content)
	return base64.StdEncoding.EncodeToString(sum[:])
}

func TestAResumablePartIsLockedWhileItsTransferRuns(t *testing.T) {
	content := pattern(1<<16, 3)
	release := make(chan struct{})
	host := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		if hit == 1 {
			<-release
		}
		w.Header().Set("ETag", `"v1"`)
		_, _ = w.Write(content)
	})
	var once sync.Once
	open := func() { once.Do(func() { close(release) }) }
	t.Cleanup(open) // before the host closes: a failed test never leaves its handler waiting
	folder, target := tempTarget(t, "shared.bin")
	core := transport(t, "https://api.example")
	first := make(chan error, 1)
	go func() {
		_, err := core.DownloadURL(background(t), host.URL+"/shared.bin", target, apicore.SaveOptions{Resume: true})
		first <- err
	}()
	for deadline := time.Now().Add(10 * time.Second); host.count() == 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the first download never reached the host")
		}
	}
	_, err := core.DownloadURL(background(t), host.URL+"/shared.bin", target, apicore.SaveOptions{Resume: true, Overwrite: true})
	var failed *apicore.DownloadError
	if !errors.Is(err, apicore.ErrDownloadInProgress) || !errors.As(err, &failed) || !strings.Contains(err.Error(), "shared.bin") {
		t.Fatalf("want the second download refused while the first runs, got %v", err)
	}
	if host.count() != 1 {
		t.Fatalf("the refused download should send nothing, the host saw %d requests", host.count())
	}
	open()
	if err := <-first; err != nil {
		t.Fatalf("the first download failed: %v", err)
	}
	assertFile(t, target, content)
	if names := folderEntries(t, folder); len(names) != 1 {
		t.Fatalf("no part, side file or lock should be left: %v", names)
	}
	// the lock went with the transfer: the next download of the file runs
	if _, err := core.DownloadURL(background(t), host.URL+"/shared.bin", target, apicore.SaveOptions{Resume: true, Overwrite: true}); err != nil {
		t.Fatalf("a later download of the file failed: %v", err)
	}
}

func TestSaveManyRefusesASecondItemSavingTheSameFile(t *testing.T) {
	contents := map[string][]byte{"/1": pattern(1<<18, 4), "/2": pattern(1<<18, 5)}
	for _, save := range []apicore.SaveOptions{{Resume: true, Overwrite: true}, {Overwrite: true}} {
		var arrived sync.WaitGroup
		arrived.Add(2)
		host := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
			content := contents[r.URL.Path]
			w.Header().Set("Content-Disposition", `attachment; filename="same.bin"`)
			w.Header().Set("ETag", fmt.Sprintf(`"%s"`, r.URL.Path[1:]))
			w.Header().Set("Content-MD5", md5Base64(content))
			_, _ = w.Write(content[:len(content)/2])
			w.(http.Flusher).Flush()
			arrived.Done()
			waited := make(chan struct{})
			go func() { arrived.Wait(); close(waited) }()
			select { // both bodies are half written before either ends
			case <-waited:
			case <-time.After(5 * time.Second):
			}
			_, _ = w.Write(content[len(content)/2:])
		})
		core := transport(t, "https://api.example")
		folder := t.TempDir()
		fetch := func(ctx context.Context, key string, options apicore.SaveOptions) (string, error) {
			return core.DownloadURL(ctx, host.URL+key, folder, options)
		}
		results := apicore.SaveMany(background(t), []string{"/1", "/2"}, apicore.ManyOptions{Concurrency: 2, Save: save}, fetch)
		var saved []string
		for _, result := range results {
			switch {
			case result.Status == apicore.ItemSaved:
				saved = append(saved, result.Key)
			case !errors.Is(result.Err, apicore.ErrDownloadInProgress):
				t.Fatalf("%+v: want the later item refused as a download in progress, got %v", save, result.Err)
			}
		}
		if len(saved) != 1 {
			t.Fatalf("%+v: want exactly one item saved, got %+v", save, results)
		}
		assertFile(t, filepath.Join(folder, "same.bin"), contents[saved[0]])
		if names := folderEntries(t, folder); len(names) != 1 {
			t.Fatalf("%+v: only the file should be left: %v", save, names)
		}
	}
}

func TestSaveManyRefusesAFileAnEarlierItemSaved(t *testing.T) {
	host := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		w.Header().Set("Content-Disposition", `attachment; filename="same.bin"`)
		_, _ = w.Write([]byte(r.URL.Path))
	})
	core := transport(t, "https://api.example")
	folder := t.TempDir()
	fetch := func(ctx context.Context, key string, options apicore.SaveOptions) (string, error) {
		return core.DownloadURL(ctx, host.URL+key, folder, options)
	}
	options := apicore.ManyOptions{Concurrency: 1, Save: apicore.SaveOptions{Overwrite: true}}
	results := apicore.SaveMany(background(t), []string{"/first", "/second"}, options, fetch)
	if results[0].Status != apicore.ItemSaved || !errors.Is(results[1].Err, apicore.ErrDownloadInProgress) {
		t.Fatalf("want the first saved and the second refused, got %+v", results)
	}
	assertFile(t, filepath.Join(folder, "same.bin"), []byte("/first"))
}

func TestTransfersAskForTheFilesOwnBytes(t *testing.T) {
	content := pattern(1<<12, 6)
	var mu sync.Mutex
	asked := []string{}
	host := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		mu.Lock()
		asked = append(asked, r.Header.Get("Accept-Encoding"))
		mu.Unlock()
		_, _ = w.Write(content)
	})
	core := transport(t, host.URL)
	folder := t.TempDir()
	if _, err := core.DownloadURL(background(t), host.URL+"/a.bin", filepath.Join(folder, "a.bin"), apicore.SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	call := func(ctx context.Context, opts ...apicore.CallOption) (*apicore.Download, error) {
		return core.Stream(ctx, get("/b.bin"), opts...)
	}
	if _, err := core.SaveStream(background(t), call, nil, filepath.Join(folder, "b.bin"), apicore.SaveOptions{Resume: true}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(asked, ",") != "identity,identity" {
		t.Fatalf("want Accept-Encoding: identity on every transfer, got %q", asked)
	}
}

// encodedHost answers with body as it is, labelled with encoding, and the digests given.
func encodedHost(t *testing.T, body []byte, encoding string, header http.Header) *server {
	return serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		for name, values := range header {
			w.Header()[name] = values
		}
		w.Header().Set("Content-Encoding", encoding)
		w.Header().Set("ETag", `"v1"`)
		_, _ = w.Write(body)
	})
}

func TestAnEncodingTheClientDidNotDecodeIsVerified(t *testing.T) {
	body := pattern(1<<14, 7)
	other := pattern(1<<14, 8)
	core := transport(t, "https://api.example", apicore.WithRetryPolicy(apicore.NoRetry()))
	for _, encoding := range []string{"x-unknown", "gzip"} {
		// the server's digest of the bytes it sent: checked, a mismatch leaves nothing
		good := encodedHost(t, body, encoding, http.Header{"Content-Md5": {md5Base64(body)}})
		bad := encodedHost(t, body, encoding, http.Header{"Content-Md5": {md5Base64(other)}})
		folder, target := tempTarget(t, "file.bin")
		if _, err := core.DownloadURL(background(t), good.URL+"/f", target, apicore.SaveOptions{Resume: true}); err != nil {
			t.Fatalf("%s: %v", encoding, err)
		}
		assertFile(t, target, body)
		if names := folderEntries(t, folder); len(names) != 1 {
			t.Fatalf("%s: only the file should be left: %v", encoding, names)
		}
		folder, target = tempTarget(t, "file.bin")
		_, err := core.DownloadURL(background(t), bad.URL+"/f", target, apicore.SaveOptions{Resume: true})
		var mismatch *apicore.ChecksumMismatchError
		if !errors.As(err, &mismatch) || mismatch.Algorithm != "md5" {
			t.Fatalf("%s: want a ChecksumMismatchError, got %v", encoding, err)
		}
		assertEmptyFolder(t, folder)
	}
}

func TestADeclaredDigestIsCheckedWhateverTheEncoding(t *testing.T) {
	body := pattern(1<<14, 9)
	host := encodedHost(t, body, "x-unknown", nil)
	core := transport(t, "https://api.example", apicore.WithRetryPolicy(apicore.NoRetry()))
	for _, declared := range []struct {
		content []byte
		ok      bool
	}{{body, true}, {pattern(1<<14, 10), false}} {
		sum := md5.Sum(declared.content)
		fetch := func(context.Context) (apicore.Link, error) {
			return apicore.Link{URL: host.URL + "/f", Checksum: &apicore.Checksum{Algorithm: "md5", Hex: hex.EncodeToString(sum[:])}}, nil
		}
		folder, target := tempTarget(t, "file.bin")
		_, err := core.SaveLink(background(t), fetch, target, apicore.SaveOptions{})
		var mismatch *apicore.ChecksumMismatchError
		if declared.ok && err != nil || !declared.ok && !errors.As(err, &mismatch) {
			t.Fatalf("declared digest (matching: %v): got %v", declared.ok, err)
		}
		if !declared.ok {
			assertEmptyFolder(t, folder)
		}
	}
}

func TestTheSideFileKeepsNoPassword(t *testing.T) {
	if got := apicore.URLIdentity("https://ann:" + secret + "@files.example/a/b.bin?sig=1#top"); got != "https://files.example/a/b.bin" {
		t.Fatalf("URLIdentity kept %q", got)
	}
	const size = 1 << 16
	content := pattern(size, 11)
	host := hostFile(t, content, `"v1"`, nil, func(hit int, r *http.Request) int64 {
		if hit == 1 {
			return size / 2
		}
		return -1
	})
	folder, target := tempTarget(t, "kept.bin")
	core := transport(t, "https://api.example", apicore.WithRetryPolicy(apicore.NoRetry()))
	address := strings.Replace(host.URL, "://", "://ann:"+secret+"@", 1) + "/kept.bin"
	if _, err := core.DownloadURL(background(t), address, target, apicore.SaveOptions{Resume: true}); err == nil {
		t.Fatal("the cut download should fail")
	}
	part := filepath.Join(folder, resumePartName("kept.bin"))
	raw, err := os.ReadFile(part + ".json")
	if err != nil || strings.Contains(string(raw), secret) || strings.Contains(string(raw), "ann") {
		t.Fatalf("the side file records %s (%v)", raw, err)
	}
	if names := folderEntries(t, folder); len(names) != 2 {
		t.Fatalf("want the part and its side file kept, no lock: %v", names)
	}
	if _, err := core.DownloadURL(background(t), address, target, apicore.SaveOptions{Resume: true}); err != nil {
		t.Fatalf("the resumed download failed: %v", err)
	}
	assertFile(t, target, content)
}
