package apicoretest

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"apicoretest/apicore"
)

// pattern is size bytes that differ from one offset to the next (a resumed
// file assembled at the wrong offset cannot match its digest).
func pattern(size int, seed byte) []byte {
	content := make([]byte, size)
	state := uint32(seed) + 1
	for index := range content {
		state = state*1664525 + 1013904223
		content[index] = byte(state >> 24)
	}
	return content
}

func sha256Base64(content []byte) string {
	sum := sha256.Sum256(content)
	return base64.StdEncoding.EncodeToString(sum[:])
}

// fileHost serves content with http.ServeContent (Range, If-Range, ETag);
// cut, when it returns a count for a request, breaks that response after so
// many bytes. It records each request's Range and the body bytes it sent.
type fileHost struct {
	*server
	mu     sync.Mutex
	ranges []string
	sent   []int64
}

func hostFile(t *testing.T, content []byte, etag string, header http.Header, cut func(hit int, r *http.Request) int64) *fileHost {
	t.Helper()
	host := &fileHost{}
	host.server = serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		for name, values := range header {
			w.Header()[name] = values
		}
		w.Header().Set("ETag", etag)
		counter := &countingWriter{ResponseWriter: w, limit: -1}
		if cut != nil {
			counter.limit = cut(hit, r)
		}
		defer func() {
			host.mu.Lock()
			host.ranges = append(host.ranges, r.Header.Get("Range"))
			host.sent = append(host.sent, counter.written)
			host.mu.Unlock()
		}()
		http.ServeContent(counter, r, "", time.Time{}, bytes.NewReader(content))
		if counter.limit >= 0 && counter.written >= counter.limit {
			panic(http.ErrAbortHandler) // the connection is cut
		}
	})
	return host
}

func (h *fileHost) log() ([]string, []int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.ranges...), append([]int64(nil), h.sent...)
}

type countingWriter struct {
	http.ResponseWriter
	limit   int64
	written int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	if c.limit >= 0 && c.written+int64(len(p)) > c.limit {
		p = p[:c.limit-c.written]
	}
	n, err := c.ResponseWriter.Write(p)
	c.written += int64(n)
	if c.limit >= 0 && c.written >= c.limit {
		c.ResponseWriter.(http.Flusher).Flush()
		return n, errors.New("cut")
	}
	return n, err
}

func assertFile(t *testing.T, path string, content []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, content) {
		t.Fatalf("%s holds %d bytes, not the file's %d (or other bytes)", path, len(got), len(content))
	}
}

func resumePartName(name string) string {
	digest := sha256.Sum256([]byte(name))
	return "." + name + "." + hex.EncodeToString(digest[:])[:12] + ".part"
}

func TestResumeAfterACutAtHalfTransfersOnlyTheRest(t *testing.T) {
	const size = 64 << 20
	content := pattern(size, 1)
	header := http.Header{"X-Amz-Checksum-Sha256": {sha256Base64(content)}}
	host := hostFile(t, content, `"v1"`, header, func(hit int, r *http.Request) int64 {
		if hit == 1 {
			return size / 2
		}
		return -1
	})
	folder, target := tempTarget(t, "big.bin")
	// No retries: the call fails and keeps the part and its side file for a later call.
	core := transport(t, "https://api.example", apicore.WithRetryPolicy(apicore.NoRetry()))
	_, err := core.DownloadURL(background(t), host.URL+"/big.bin?sig=1", target, apicore.SaveOptions{Resume: true})
	var failed *apicore.DownloadError
	if !errors.As(err, &failed) || !strings.Contains(err.Error(), "the part is kept") {
		t.Fatalf("want a DownloadError keeping the part, got %v", err)
	}
	part := filepath.Join(folder, resumePartName("big.bin"))
	info, err := os.Stat(part)
	if err != nil || info.Size() != size/2 {
		t.Fatalf("the part should hold the first half: %v %v (folder: %v)", info, err, folderEntries(t, folder))
	}
	var side map[string]any
	raw, _ := os.ReadFile(part + ".json")
	if json.Unmarshal(raw, &side) != nil || side["version"] != 1.0 || side["identity"] != host.URL+"/big.bin" ||
		side["etag"] != `"v1"` || side["total"] != float64(size) || side["last_modified"] != nil {
		t.Fatalf("the side file records %s", raw)
	}
	if checksums, _ := side["checksums"].(map[string]any); checksums["sha256"] != hex.EncodeToString(mustDecode(t, sha256Base64(content))) {
		t.Fatalf("the side file records the digests %v", side["checksums"])
	}
	// A later call with the same target asks for the rest only, and the whole file is verified.
	saved, err := core.DownloadURL(background(t), host.URL+"/big.bin?sig=2", target, apicore.SaveOptions{Resume: true})
	if err != nil || saved != target {
		t.Fatalf("the resumed download failed: %v", err)
	}
	assertFile(t, target, content)
	ranges, sent := host.log()
	if len(ranges) != 2 || ranges[1] != fmt.Sprintf("bytes=%d-", size/2) || sent[1] != size/2 {
		t.Fatalf("want the rest asked for and sent once, got ranges %q, bytes sent %v", ranges, sent)
	}
	if names := folderEntries(t, folder); len(names) != 1 {
		t.Fatalf("no part nor side file should be left: %v", names)
	}
}

func mustDecode(t *testing.T, text string) []byte {
	raw, err := base64.StdEncoding.DecodeString(text)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestResumeWithinOneCallAndThroughAStreamedAPIResponse(t *testing.T) {
	const size = 3 << 20
	content := pattern(size, 2)
	header := http.Header{"X-Amz-Checksum-Sha256": {sha256Base64(content)}}
	host := hostFile(t, content, `"s1"`, header, func(hit int, r *http.Request) int64 {
		if hit <= 2 { // cut twice, each time a third further
			return size / 3
		}
		return -1
	})
	core := transport(t, host.URL, apicore.WithRetryPolicy(fastRetry(3)))
	folder, target := tempTarget(t, "s.bin")
	call := func(ctx context.Context, opts ...apicore.CallOption) (*apicore.Download, error) {
		return core.Stream(ctx, get("/s.bin"), opts...)
	}
	saved, err := core.SaveStream(background(t), call, nil, target, apicore.SaveOptions{Resume: true})
	if err != nil || saved != target {
		t.Fatalf("the streamed download did not resume: %v", err)
	}
	assertFile(t, target, content)
	ranges, _ := host.log()
	want := []string{"", fmt.Sprintf("bytes=%d-", size/3), fmt.Sprintf("bytes=%d-", 2*(size/3))}
	if strings.Join(ranges, ",") != strings.Join(want, ",") {
		t.Fatalf("want ranges %q, got %q", want, ranges)
	}
	if names := folderEntries(t, folder); len(names) != 1 {
		t.Fatalf("no part should be left: %v", names)
	}
}

func TestWithoutResumeACutLeavesNothing(t *testing.T) {
	content := pattern(1<<20, 3)
	host := hostFile(t, content, `"n1"`, nil, func(int, *http.Request) int64 { return 1000 })
	folder, target := tempTarget(t, "n.bin")
	_, err := transport(t, "https://api.example", apicore.WithRetryPolicy(fastRetry(3))).DownloadURL(background(t), host.URL+"/n.bin", target, apicore.SaveOptions{})
	var failed *apicore.DownloadError
	if !errors.As(err, &failed) || host.count() != 1 {
		t.Fatalf("want one request and a DownloadError, got %v after %d", err, host.count())
	}
	assertEmptyFolder(t, folder)
}

func TestAnAnswerThatCannotContinueThePartStartsOver(t *testing.T) {
	content := pattern(1<<20, 4)
	changed := pattern(1<<20, 5)
	for _, answer := range []string{"200", "other-etag", "416"} {
		t.Run(answer, func(t *testing.T) {
			var hits int64
			s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
				atomic.AddInt64(&hits, 1)
				if hit == 1 { // the first half of the first version, then a cut
					w.Header().Set("ETag", `"old"`)
					w.Header().Set("Content-Length", strconv.Itoa(len(content)))
					_, _ = w.Write(content[:len(content)/2])
					panic(http.ErrAbortHandler)
				}
				if r.Header.Get("Range") != "" {
					switch answer {
					case "200": // ignores the Range: the whole (new) file
						w.Header().Set("ETag", `"new"`)
						_, _ = w.Write(changed)
						return
					case "other-etag":
						w.Header().Set("ETag", `"new"`)
						w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", len(changed)/2, len(changed)-1, len(changed)))
						w.WriteHeader(http.StatusPartialContent)
						_, _ = w.Write(changed[len(changed)/2:])
						return
					default:
						w.WriteHeader(http.StatusRequestedRangeNotSatisfiable)
						return
					}
				}
				w.Header().Set("ETag", `"new"`)
				_, _ = w.Write(changed)
			})
			folder, target := tempTarget(t, "f.bin")
			core := transport(t, "https://api.example", apicore.WithRetryPolicy(fastRetry(2)))
			if _, err := core.DownloadURL(background(t), s.URL+"/f.bin", target, apicore.SaveOptions{Resume: true}); err != nil {
				t.Fatalf("the download should start over and succeed: %v", err)
			}
			assertFile(t, target, changed) // never half of one version and half of another
			if names := folderEntries(t, folder); len(names) != 1 {
				t.Fatalf("no part should be left: %v", names)
			}
		})
	}
}

func TestAChecksumMismatchIsCaughtAndLeavesNoFile(t *testing.T) {
	content := pattern(512<<10, 6)
	corrupt := append([]byte(nil), content...)
	corrupt[1000] ^= 1
	md5Sum := md5.Sum(content)
	crc := crc32.Checksum(content, crc32.MakeTable(crc32.Castagnoli))
	crcBytes := []byte{byte(crc >> 24), byte(crc >> 16), byte(crc >> 8), byte(crc)}
	cases := map[string]http.Header{
		"sha256":         {"X-Amz-Checksum-Sha256": {sha256Base64(content)}},
		"content-md5":    {"Content-Md5": {base64.StdEncoding.EncodeToString(md5Sum[:])}},
		"s3-etag":        {"Etag": {`"` + hex.EncodeToString(md5Sum[:]) + `"`}},
		"goog-crc32c":    {"X-Goog-Hash": {"crc32c=" + base64.StdEncoding.EncodeToString(crcBytes)}},
		"sha256-not-md5": {"X-Amz-Checksum-Sha256": {sha256Base64(content)}, "Content-Md5": {base64.StdEncoding.EncodeToString(make([]byte, 16))}},
	}
	for name, header := range cases {
		t.Run(name, func(t *testing.T) {
			s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
				for key, values := range header {
					w.Header()[key] = values
				}
				_, _ = w.Write(corrupt)
			})
			folder, target := tempTarget(t, "c.bin")
			core := transport(t, "https://api.example")
			_, err := core.DownloadURL(background(t), s.URL+"/c.bin", target, apicore.SaveOptions{Resume: true})
			var mismatch *apicore.ChecksumMismatchError
			var download *apicore.DownloadError
			if !errors.As(err, &mismatch) || !errors.As(err, &download) || mismatch.Actual == mismatch.Expected {
				t.Fatalf("want a ChecksumMismatchError (a DownloadError), got %v", err)
			}
			if name == "sha256-not-md5" && mismatch.Algorithm != "sha256" {
				t.Fatalf("SHA-256 is checked before MD5, got %s", mismatch.Algorithm)
			}
			assertEmptyFolder(t, folder)
			// SkipVerify saves what came; the right bytes pass the check.
			if _, err := core.DownloadURL(background(t), s.URL+"/c.bin", target, apicore.SaveOptions{SkipVerify: true}); err != nil {
				t.Fatalf("SkipVerify should save the file: %v", err)
			}
		})
	}
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		w.Header().Set("X-Goog-Hash", "crc32c="+base64.StdEncoding.EncodeToString(crcBytes))
		_, _ = w.Write(content)
	})
	if _, err := transport(t, "https://api.example").DownloadURL(background(t), s.URL+"/ok.bin", filepath.Join(t.TempDir(), "ok.bin"), apicore.SaveOptions{}); err != nil {
		t.Fatalf("a CRC32C that matches should pass: %v", err)
	}
}

func TestCRC32CAndDeclaredDigests(t *testing.T) {
	// RFC 3720's check value of CRC-32C over "123456789".
	crc := crc32.Checksum([]byte("123456789"), crc32.MakeTable(crc32.Castagnoli))
	folder := t.TempDir()
	path := filepath.Join(folder, "digits")
	if err := os.WriteFile(path, []byte("123456789"), 0o600); err != nil {
		t.Fatal(err)
	}
	if crc != 0xE3069283 || !apicore.FileMatches(path, apicore.Checksum{Algorithm: "crc32c", Hex: "e3069283"}) {
		t.Fatalf("CRC-32C of the check string is %08x", crc)
	}
	if checksum, err := apicore.DeclaredChecksum("crc32c", "base64", "4waSgw=="); err != nil || checksum.Hex != "e3069283" {
		t.Fatalf("a base64 CRC32C reads as e3069283, got %v %v", checksum, err)
	}
	if checksum, err := apicore.DeclaredChecksum("md5", "hex", ""); checksum != nil || err != nil {
		t.Fatalf("an empty digest is none, got %v %v", checksum, err)
	}
	for _, bad := range [][3]string{{"md5", "hex", "abc"}, {"sha256", "base64", "4waSgw=="}, {"md5", "base64", "not base64!"}} {
		var download *apicore.DownloadError
		if _, err := apicore.DeclaredChecksum(bad[0], bad[1], bad[2]); !errors.As(err, &download) {
			t.Fatalf("%v should be a DownloadError, got %v", bad, err)
		}
	}
	stated := apicore.StatedChecksums(http.Header{
		"Etag":                  {`"0123456789abcdef0123456789abcdef-3"`}, // multipart: no MD5
		"X-Amz-Checksum-Crc32c": {"4waSgw=="},
	}, true)
	if chosen := apicore.ChosenChecksum(stated); len(stated) != 1 || chosen == nil || chosen.Algorithm != "crc32c" {
		t.Fatalf("want only the CRC32C stated, got %v", stated)
	}
}

func TestADeclaredDigestIsCheckedOverTheWholeFile(t *testing.T) {
	content := pattern(256<<10, 7)
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		_, _ = w.Write(content) // the storage host states nothing
	})
	folder, target := tempTarget(t, "d.bin")
	wrong := sha256.Sum256([]byte("another file"))
	fetch := func(context.Context) (apicore.Link, error) {
		checksum, err := apicore.DeclaredChecksum("sha256", "hex", hex.EncodeToString(wrong[:]))
		return apicore.Link{URL: s.URL + "/d.bin", Checksum: checksum}, err
	}
	_, err := transport(t, "https://api.example").SaveLink(background(t), fetch, target, apicore.SaveOptions{})
	var mismatch *apicore.ChecksumMismatchError
	if !errors.As(err, &mismatch) {
		t.Fatalf("want the declared digest to catch the file, got %v", err)
	}
	assertEmptyFolder(t, folder)
}

func TestAnExpiredLinkIsRefreshed(t *testing.T) {
	content := pattern(2<<20, 8)
	var current int64 = 1
	host := hostFile(t, content, `"e1"`, nil, nil)
	storage := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		if r.URL.Query().Get("sig") != strconv.FormatInt(atomic.LoadInt64(&current), 10) {
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"))
			return
		}
		if hit == 2 { // the renewed link is cut at half; then the link expires again
			atomic.AddInt64(&current, 1)
			w.Header().Set("ETag", `"e1"`)
			w.Header().Set("Content-Length", strconv.Itoa(len(content)))
			_, _ = w.Write(content[:len(content)/2])
			panic(http.ErrAbortHandler)
		}
		request, _ := http.NewRequest(r.Method, host.URL+r.URL.Path, nil)
		request.Header = r.Header.Clone()
		response, err := http.DefaultClient.Do(request)
		if err != nil {
			panic(http.ErrAbortHandler)
		}
		defer response.Body.Close()
		for name, values := range response.Header {
			w.Header()[name] = values
		}
		w.WriteHeader(response.StatusCode)
		_, _ = io.Copy(w, response.Body)
	})
	var fetched int64
	fetch := func(context.Context) (apicore.Link, error) {
		number := atomic.AddInt64(&fetched, 1)
		// The first link is stale when it is used: the storage host refuses it.
		return apicore.Link{URL: fmt.Sprintf("%s/e.bin?sig=%d", storage.URL, number-1)}, nil
	}
	atomic.StoreInt64(&current, 1)
	folder, target := tempTarget(t, "e.bin")
	core := transport(t, "https://api.example", apicore.WithRetryPolicy(fastRetry(2)))
	saved, err := core.SaveLink(background(t), fetch, target, apicore.SaveOptions{Resume: true})
	if err != nil || saved != target {
		t.Fatalf("the link should have been renewed before and during the transfer: %v", err)
	}
	assertFile(t, target, content)
	ranges, _ := host.log()
	if fetched != 3 || len(ranges) != 1 || ranges[0] != fmt.Sprintf("bytes=%d-", len(content)/2) {
		t.Fatalf("want 3 links and the rest asked for with the third, got %d links, ranges %q", fetched, ranges)
	}
	if names := folderEntries(t, folder); len(names) != 1 {
		t.Fatalf("no part should be left: %v", names)
	}
}

func TestALinkIsRenewedAtMostTwice(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"message": "The link has expired"}`))
	})
	var fetched int64
	fetch := func(context.Context) (apicore.Link, error) {
		atomic.AddInt64(&fetched, 1)
		return apicore.Link{URL: s.URL + "/x"}, nil
	}
	folder, target := tempTarget(t, "x")
	_, err := transport(t, "https://api.example").SaveLink(background(t), fetch, target, apicore.SaveOptions{})
	var bad *apicore.BadRequestError
	if !errors.As(err, &bad) || fetched != 1+apicore.DefaultMaxRefreshes || s.count() != 3 {
		t.Fatalf("want a BadRequestError after 2 renewals, got %v (%d links, %d requests)", err, fetched, s.count())
	}
	assertEmptyFolder(t, folder)
	// A link known to be expired is not sent: a new one is asked for.
	fetched = 0
	past := func(context.Context) (apicore.Link, error) {
		atomic.AddInt64(&fetched, 1)
		return apicore.Link{URL: s.URL + "/x", ExpiresAt: time.Now().Add(-time.Hour)}, nil
	}
	_, err = transport(t, "https://api.example").SaveLink(background(t), past, target, apicore.SaveOptions{})
	var expired *apicore.LinkExpiredError
	if !errors.As(err, &expired) || fetched != 3 || s.count() != 3 {
		t.Fatalf("want LinkExpiredError after 3 links and no request, got %v (%d, %d)", err, fetched, s.count())
	}
}

func TestSaveManyVerifiesEveryFileInBoundedMemory(t *testing.T) {
	const files, size, concurrency = 200, 1 << 20, 8
	base := pattern(size, 9)
	digests := make([]string, files)
	for index := range digests {
		content := append(binaryPrefix(index), base[8:]...)
		digests[index] = sha256Base64(content)
	}
	var active, peak int64
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		now := atomic.AddInt64(&active, 1)
		defer atomic.AddInt64(&active, -1)
		for old := atomic.LoadInt64(&peak); now > old && !atomic.CompareAndSwapInt64(&peak, old, now); old = atomic.LoadInt64(&peak) {
		}
		index, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/files/"))
		if err != nil || index >= files {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		w.Header().Set("X-Amz-Checksum-Sha256", digests[index])
		w.Header().Set("Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT")
		http.ServeContent(w, r, "", time.Time{}, io.NewSectionReader(multiReaderAt{binaryPrefix(index), base[8:]}, 0, size))
	})
	core := transport(t, "https://api.example")
	folder := t.TempDir()
	keys := make([]int, files+1)
	for index := range keys {
		keys[index] = index // the last one is not there (404)
	}
	var progressCalls, lastBytes int64
	var previous apicore.BulkState
	options := apicore.ManyOptions{Concurrency: concurrency, Save: apicore.SaveOptions{Resume: true}, Progress: func(state apicore.BulkState) {
		progressCalls++ // never concurrent
		if state.Finished < previous.Finished || state.Total != files+1 {
			t.Errorf("progress went back: %+v after %+v", state, previous)
		}
		previous, lastBytes = state, state.BytesWritten
	}}
	save := func(ctx context.Context, key int, save apicore.SaveOptions) (string, error) {
		return core.DownloadURL(ctx, fmt.Sprintf("%s/files/%d", s.URL, key), filepath.Join(folder, fmt.Sprintf("%03d.bin", key)), save)
	}
	var before, after runtimeMemory
	before.read()
	stop := after.sample()
	results := apicore.SaveMany(background(t), keys, options, save)
	stop()
	for index, result := range results {
		if result.Key != index {
			t.Fatalf("results out of order at %d: %+v", index, result)
		}
		if index == files {
			var missing *apicore.NotFoundError
			if result.Status != apicore.ItemFailed || result.OK() || !errors.As(result.Err, &missing) {
				t.Fatalf("the missing file should fail alone: %+v", result)
			}
			continue
		}
		if result.Status != apicore.ItemSaved || !result.OK() {
			t.Fatalf("item %d: %+v", index, result)
		}
	}
	if peak > concurrency || peak < 2 {
		t.Fatalf("at most %d downloads at once (and more than one), saw %d", concurrency, peak)
	}
	if previous.Finished != files+1 || lastBytes != files*size || progressCalls < files {
		t.Fatalf("the batch's progress ended at %+v after %d calls", previous, progressCalls)
	}
	names := folderEntries(t, folder)
	if len(names) != files {
		t.Fatalf("want %d files and no part, got %d entries", files, len(names))
	}
	for _, name := range names {
		if strings.HasSuffix(name, ".part") || strings.HasSuffix(name, ".json") {
			t.Fatalf("a part was left: %s", name)
		}
	}
	if grown := after.peak - before.heap; grown > 48<<20 {
		t.Fatalf("the heap grew by %d MiB while saving %d MiB", grown>>20, files*size>>20)
	}
	// Again, with SkipIdentical: every file present has the stated size and digest.
	options.Save.SkipIdentical, options.Progress = true, nil
	again := apicore.SaveMany(background(t), keys[:files], options, save)
	for _, result := range again {
		if result.Status != apicore.ItemSkipped || result.Path == "" {
			t.Fatalf("want every file skipped, got %+v", result)
		}
	}
	// A file changed on disk is not replaced without Overwrite; with it, it is downloaded again.
	if err := os.WriteFile(filepath.Join(folder, "007.bin"), make([]byte, size), 0o600); err != nil {
		t.Fatal(err)
	}
	again = apicore.SaveMany(background(t), keys[:files], options, save)
	if again[7].Status != apicore.ItemFailed || !errors.Is(again[7].Err, fs.ErrExist) || again[8].Status != apicore.ItemSkipped {
		t.Fatalf("want the changed file kept (FileExistsError) and the others skipped: %+v %+v", again[7], again[8])
	}
	options.Save.Overwrite = true
	again = apicore.SaveMany(background(t), keys[:files], options, save)
	if again[7].Status != apicore.ItemSaved || again[8].Status != apicore.ItemSkipped {
		t.Fatalf("want the changed file saved and the others skipped: %+v %+v", again[7], again[8])
	}
	assertFile(t, filepath.Join(folder, "007.bin"), append(binaryPrefix(7), base[8:]...))
}

func binaryPrefix(index int) []byte {
	return []byte(fmt.Sprintf("%08d", index))
}

// multiReaderAt reads two byte slices as one.
type multiReaderAt [2][]byte

func (m multiReaderAt) ReadAt(p []byte, offset int64) (int, error) {
	n := 0
	for _, part := range m {
		if offset >= int64(len(part)) {
			offset -= int64(len(part))
			continue
		}
		copied := copy(p[n:], part[offset:])
		n += copied
		offset = 0
		if n == len(p) {
			return n, nil
		}
	}
	return n, io.EOF
}

// runtimeMemory is the heap in use after a collection (read), or its peak while sampled.
type runtimeMemory struct {
	heap uint64
	peak uint64
}

func (m *runtimeMemory) read() {
	runtime.GC()
	var stats runtime.MemStats
	runtime.ReadMemStats(&stats)
	m.heap = stats.HeapAlloc
}

func (m *runtimeMemory) sample() func() {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var stats runtime.MemStats
		for {
			runtime.ReadMemStats(&stats)
			if stats.HeapAlloc > m.peak {
				m.peak = stats.HeapAlloc
			}
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return func() { close(done); <-finished }
}
