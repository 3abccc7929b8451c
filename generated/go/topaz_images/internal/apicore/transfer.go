// Copied by generator 0.1.0 from templates/go/runtime/transfer.go. Do not edit.
package apicore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// One file's download across attempts: resumed after a cut, verified, from a
// link renewed when it expires.
//
// With Resume a cut transfer is continued in the same call (as often as the
// retry policy allows) and, when it still fails, its ".part" file and a small
// side file (".part.json": the URL without its query, the ETag or
// Last-Modified, the size and the digests first stated) are kept beside the
// target, so a later call with the same target file continues where it
// stopped. A continuation asks for the rest with Range and If-Range: a server
// that sends the whole file again (200), or whose file changed, starts the
// part over; the part is never completed from two versions. Without Resume
// nothing partial is ever left. While a transfer writes its part, the part is
// locked: another download of the same target fails with ErrDownloadInProgress.
//
// Every request asks for the file's own bytes (Accept-Encoding: identity); an
// answer still encoded is saved as sent and never resumed. Unless SkipVerify
// the bytes are checked against the size and the digest the spec declares for
// the link, else the strongest digest the server states, over the whole file
// (a kept part is hashed again first). Only a body the HTTP client decoded
// itself skips the server's digests (they are of the encoded bytes); the
// declared one is always checked. A mismatch is a *ChecksumMismatchError and
// leaves no file, not even the part.

// DefaultMaxRefreshes is how many new links a download asks the API for when the storage host says a link expired.
const DefaultMaxRefreshes = 2

const sideVersion = 1

var contentRange = regexp.MustCompile(`^bytes (\d+)-(\d+)/(\d+|\*)$`)

// errRestart: the answer cannot continue the part; ask again for the whole file.
var errRestart = errors.New("ask again for the whole file")

// Link is a link to a file: its URL, its expiry if known (zero: none), and the
// digest the spec says the file has (nil: none).
type Link struct {
	URL       string
	ExpiresAt time.Time
	Checksum  *Checksum
}

// URLIdentity is rawURL without its user information, query and fragment
// (where a link keeps its password or signature): what the side file records.
func URLIdentity(rawURL string) string {
	parsed, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	parsed.User = nil
	parsed.RawQuery, parsed.ForceQuery, parsed.Fragment, parsed.RawFragment = "", false, "", ""
	return parsed.String()
}

// IsExpiredLink says whether err is a storage host saying a link no longer
// works: a LinkExpiredError, a 401, a 403, or a 400 about expiry.
func IsExpiredLink(err error) bool {
	var expired *LinkExpiredError
	if errors.As(err, &expired) {
		return true
	}
	var status *APIError
	if !errors.As(err, &status) {
		return false
	}
	if status.StatusCode == http.StatusUnauthorized || status.StatusCode == http.StatusForbidden {
		return true
	}
	text := strings.ToLower(status.Message + " " + string(status.Body))
	return status.StatusCode == http.StatusBadRequest && strings.Contains(text, "expire")
}

// ---------------------------------------------------------------- the side file

// side is what the side file records: enough to ask for the rest of the same file.
type side struct {
	identity     string
	etag         string
	lastModified string
	total        int64 // -1: unknown
	checksums    map[string]string
}

type sideJSON struct {
	Version      int               `json:"version"`
	Identity     string            `json:"identity"`
	ETag         *string           `json:"etag"`
	LastModified *string           `json:"last_modified"`
	Total        *int64            `json:"total"`
	Checksums    map[string]string `json:"checksums"`
}

// validator is what If-Range may carry: a strong ETag, else the Last-Modified date.
func (s *side) validator() string {
	if s.etag != "" && !strings.HasPrefix(s.etag, "W/") {
		return s.etag
	}
	return s.lastModified
}

func readSide(path string) *side {
	content, err := os.ReadFile(path)
	if err != nil || len(content) > 1<<20 {
		return nil
	}
	var data sideJSON
	if json.Unmarshal(content, &data) != nil || data.Version != sideVersion {
		return nil
	}
	found := &side{identity: data.Identity, total: -1, checksums: map[string]string{}}
	if data.ETag != nil {
		found.etag = *data.ETag
	}
	if data.LastModified != nil {
		found.lastModified = *data.LastModified
	}
	if data.Total != nil && *data.Total >= 0 {
		found.total = *data.Total
	}
	for name, value := range data.Checksums {
		found.checksums[name] = value
	}
	return found
}

func (s *side) write(path string) error {
	data := sideJSON{Version: sideVersion, Identity: s.identity, Checksums: s.checksums}
	if s.etag != "" {
		data.ETag = &s.etag
	}
	if s.lastModified != "" {
		data.LastModified = &s.lastModified
	}
	if s.total >= 0 {
		data.Total = &s.total
	}
	content, err := json.Marshal(data)
	if err != nil {
		return err
	}
	temporary, err := os.CreateTemp(filepath.Dir(path), ".*.tmp")
	if err != nil {
		return err
	}
	_, err = temporary.Write(content)
	if closeErr := temporary.Close(); err == nil {
		err = closeErr
	}
	if err == nil {
		err = os.Rename(temporary.Name(), path)
	}
	if err != nil {
		_ = os.Remove(temporary.Name())
	}
	return err
}

// resumePart is the part file a resumable download of target keeps: the same
// name on every call (and in every style: the first 100 characters of the name
// and 12 hex digits of its SHA-256).
func resumePart(target string) string {
	name := filepath.Base(target)
	digest := sha256.Sum256([]byte(name))
	short := []rune(name)
	if len(short) > 100 {
		short = short[:100]
	}
	return filepath.Join(filepath.Dir(target), "."+string(short)+"."+hex.EncodeToString(digest[:])[:12]+".part")
}

// ---------------------------------------------------------------- the transfer

// transfer is the part file of one target and what the server said of the file, across attempts.
type transfer struct {
	folder   string // set when the path given is a folder: the name comes with the response
	target   string
	options  SaveOptions
	part     string
	file     *os.File
	side     *side
	written  int64
	offered  int64 // the offset the last request asked for with Range (0: the whole file)
	ranged   bool  // the call asks for a part with its own Range: a 206 is its answer, saved as it comes, never resumed
	verifier *verifier
	lock     *partLock // held while a resumable part is written
	batch    claimant  // the batch item this transfer is, if any
}

func newTransfer(ctx context.Context, path string, options SaveOptions) (*transfer, error) {
	t := &transfer{options: options, verifier: newVerifier(nil), batch: claimantOf(ctx)}
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		t.folder = path
		return t, nil
	}
	return t, t.settle(path)
}

// settle fixes the target: claimed in its batch, and with Resume its part
// locked, then the kept part and side file adopted.
func (t *transfer) settle(target string) error {
	if err := t.batch.claim(target); err != nil {
		return err
	}
	t.target = target
	if !t.options.Resume {
		return nil
	}
	if t.lock == nil {
		lock, err := lockPart(target, resumePart(target))
		if err != nil {
			return err
		}
		t.lock = lock
	}
	if t.part == "" {
		t.adopt()
	}
	return nil
}

// adopt takes the kept part and side file of the target, if both are there.
func (t *transfer) adopt() {
	part := resumePart(t.target)
	info, err := os.Lstat(part)
	if err != nil || !info.Mode().IsRegular() {
		return
	}
	if found := readSide(part + ".json"); found != nil {
		t.part, t.side, t.written = part, found, info.Size()
	}
}

func (t *transfer) name() string {
	if t.target == "" {
		return "the file"
	}
	return filepath.Base(t.target)
}

func (t *transfer) partSize() int64 {
	if t.part == "" {
		return 0
	}
	info, err := os.Stat(t.part)
	if err != nil {
		return 0
	}
	return info.Size()
}

// requestHeaders ask for the file's own bytes (Accept-Encoding: identity: a
// range of them can be asked for later) and, with Range and If-Range, for the
// rest of a kept part.
func (t *transfer) requestHeaders(identity string) map[string]string {
	t.offered = 0
	headers := map[string]string{"Accept-Encoding": "identity"}
	if t.ranged || t.side == nil || t.part == "" || t.side.validator() == "" {
		return headers
	}
	if identity != "" && t.side.identity != "" && identity != t.side.identity {
		return headers
	}
	size := t.partSize()
	if size <= 0 || (t.side.total >= 0 && size >= t.side.total) {
		return headers
	}
	t.offered = size
	headers["Range"], headers["If-Range"] = fmt.Sprintf("bytes=%d-", size), t.side.validator()
	return headers
}

// begin gets ready to write the download's body; false when the file present is already identical.
func (t *transfer) begin(download *Download, identity string, declared *Checksum) (bool, error) {
	response := download.Response
	if t.target == "" {
		target := filepath.Join(t.folder, download.Filename())
		if info, err := os.Lstat(target); err == nil && info.IsDir() {
			return false, &DownloadError{Message: "the file name the server chose is a folder in the target, never replaced: " + target}
		}
		if err := t.settle(target); err != nil {
			return false, err
		}
	}
	if t.options.SkipIdentical && t.identical(response, declared) {
		return false, nil
	}
	if err := CheckTarget(t.target, t.options.Overwrite); err != nil {
		return false, err
	}
	if info, err := os.Lstat(t.target); err == nil && info.IsDir() {
		return false, &DownloadError{Message: "the target is a folder, never replaced: " + t.target}
	}
	// decoded: the bytes written are not the server's, so a digest it states of
	// its own cannot be checked; still encoded (an encoding the client does not
	// decode, sent though identity was asked for): the bytes are the server's,
	// checked, but never resumed.
	decoded := response.Uncompressed
	encoded := decoded || contentEncoded(response)
	partial := response.StatusCode == http.StatusPartialContent
	if partial && !t.ranged {
		if t.offered == 0 || t.side == nil || !t.continues(response) {
			if err := t.restartOrFail(); err != nil {
				return false, err
			}
			return false, errRestart
		}
		if err := t.open(true); err != nil {
			return false, err
		}
	} else {
		t.side = &side{identity: identity, total: declaredTotal(response), checksums: map[string]string{}}
		if identity == "" {
			t.side.identity = download.URL
		}
		if partial { // a part the call asked for: as long as its own Content-Length, the digests stated are the whole file's
			t.side.total = DeclaredSize(response)
		}
		if !encoded && !partial { // no validator: an encoded answer, or a part, is never continued with a range
			t.side.etag, t.side.lastModified = response.Header.Get("ETag"), response.Header.Get("Last-Modified")
		}
		if !decoded && !partial {
			for algorithm, checksum := range StatedChecksums(response.Header, true) {
				t.side.checksums[algorithm] = checksum.Hex
			}
		}
		if err := t.open(false); err != nil {
			return false, err
		}
		if t.options.Resume {
			if err := t.side.write(t.part + ".json"); err != nil {
				return false, &DownloadError{Message: "cannot record the download's part: " + err.Error(), Err: err}
			}
		}
	}
	expected := declared
	if expected == nil {
		stated := map[string]Checksum{}
		for algorithm, value := range t.side.checksums {
			stated[algorithm] = Checksum{Algorithm: algorithm, Hex: value}
		}
		expected = ChosenChecksum(stated)
	}
	if t.options.SkipVerify {
		expected = nil
	}
	t.verifier = newVerifier(expected)
	if t.written > 0 {
		if err := t.verifier.updateFrom(t.part, t.written); err != nil {
			return false, &DownloadError{Message: fmt.Sprintf("download of %s failed: %v", t.name(), err), Err: err}
		}
	}
	return true, nil
}

func contentEncoded(response *http.Response) bool {
	encoding := response.Header.Get("Content-Encoding")
	return encoding != "" && encoding != "identity"
}

// copy writes the body into the part; a failed read is a cut (cutError).
func (t *transfer) copy(download *Download) error {
	buffer := make([]byte, copyBufferSize)
	for {
		n, readErr := download.Read(buffer)
		if n > 0 {
			if _, err := t.file.Write(buffer[:n]); err != nil {
				return &DownloadError{Message: fmt.Sprintf("download of %s failed: %v", t.name(), err), Err: err}
			}
			t.verifier.update(buffer[:n])
			t.written += int64(n)
			if t.options.Progress != nil {
				t.options.Progress(t.written, t.side.total)
			}
		}
		if readErr == io.EOF {
			return nil
		}
		if readErr != nil {
			return &cutError{err: readErr}
		}
	}
}

// finish checks the size and digest, syncs to disk and gives the part the target's name.
func (t *transfer) finish() (string, error) {
	if t.side.total >= 0 && t.written != t.side.total {
		return "", &DownloadError{Message: fmt.Sprintf("download of %s is incomplete: %d of %d bytes", t.name(), t.written, t.side.total)}
	}
	if err := t.verifier.check(t.name()); err != nil {
		return "", err
	}
	if err := t.file.Sync(); err != nil {
		return "", &DownloadError{Message: fmt.Sprintf("download of %s failed: %v", t.name(), err), Err: err}
	}
	err := t.file.Close()
	t.file = nil
	if err != nil {
		return "", &DownloadError{Message: fmt.Sprintf("download of %s failed: %v", t.name(), err), Err: err}
	}
	if err := publish(t.part, t.target, t.options.Overwrite || t.options.SkipIdentical); err != nil {
		return "", err
	}
	if t.options.Resume {
		_ = os.Remove(t.part + ".json")
	}
	t.part = ""
	if t.options.SkipIdentical {
		if when, err := http.ParseTime(t.side.lastModified); err == nil {
			_ = os.Chtimes(t.target, time.Now(), when)
		}
	}
	return t.target, nil
}

// restartOrFail: a 206 that does not continue the part starts over, unless the whole file was asked for.
func (t *transfer) restartOrFail() error {
	if !t.restart() {
		return &DownloadError{Message: fmt.Sprintf("download of %s failed: a partial answer (206) to a request for the whole file", t.name())}
	}
	return nil
}

// restart forgets the part (after a 416 to a Range request); false when no range was asked for.
func (t *transfer) restart() bool {
	if t.offered == 0 {
		return false
	}
	t.discard()
	t.side = nil
	return true
}

// pause keeps what was written (on disk) for the next attempt.
func (t *transfer) pause() {
	if t.file != nil {
		_ = t.file.Sync()
		_ = t.file.Close()
		t.file = nil
	}
}

func (t *transfer) resumable() bool {
	return t.options.Resume && t.side != nil && t.side.validator() != "" && t.written > 0
}

// abandon: the call ends without a file; the part is kept for a later call only if it can be resumed.
func (t *transfer) abandon(err error) {
	var mismatch *ChecksumMismatchError
	if t.resumable() && !errors.As(err, &mismatch) {
		t.pause()
	} else {
		t.discard()
	}
}

func (t *transfer) discard() {
	if t.file != nil {
		_ = t.file.Close()
		t.file = nil
	}
	if t.part != "" {
		_ = os.Remove(t.part)
		if t.options.Resume {
			_ = os.Remove(t.part + ".json")
		}
	}
	t.part = ""
	t.written = 0
}

func (t *transfer) open(appending bool) error {
	if t.file != nil {
		_ = t.file.Close()
		t.file = nil
	}
	fail := func(err error) error {
		return &DownloadError{Message: "cannot create the download's temporary file: " + err.Error(), Err: err}
	}
	if !t.options.Resume {
		if t.part != "" {
			_ = os.Remove(t.part)
		}
		file, err := createPart(filepath.Dir(t.target))
		if err != nil {
			return fail(err)
		}
		t.part, t.file, t.written = file.Name(), file, 0
		return nil
	}
	t.part = resumePart(t.target)
	if appending {
		file, err := os.OpenFile(t.part, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			return fail(err)
		}
		size, err := file.Seek(0, io.SeekEnd)
		if err != nil {
			_ = file.Close()
			return fail(err)
		}
		t.file, t.written = file, size
		return nil
	}
	_ = os.Remove(t.part) // never written through a link planted there
	file, err := os.OpenFile(t.part, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return fail(err)
	}
	t.file, t.written = file, 0
	return nil
}

// continues says whether a 206 answers our Range for the same file: it starts at the part's end, same total.
func (t *transfer) continues(response *http.Response) bool {
	match := contentRange.FindStringSubmatch(response.Header.Get("Content-Range"))
	if match == nil {
		return false
	}
	start, err := strconv.ParseInt(match[1], 10, 64)
	if err != nil || start != t.offered || start != t.partSize() {
		return false
	}
	total := int64(-1)
	if match[3] != "*" {
		if total, err = strconv.ParseInt(match[3], 10, 64); err != nil {
			return false
		}
	}
	if t.side.total >= 0 && total >= 0 && total != t.side.total {
		return false
	}
	if etag := response.Header.Get("ETag"); etag != "" && t.side.etag != "" && etag != t.side.etag {
		return false
	}
	if t.side.total < 0 {
		t.side.total = total
	}
	return true
}

// identical says whether the target already holds the file a 200 response announces.
func (t *transfer) identical(response *http.Response, declared *Checksum) bool {
	if response.StatusCode != http.StatusOK {
		return false
	}
	info, err := os.Lstat(t.target)
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	size := declaredTotal(response)
	if size < 0 || info.Size() != size {
		return false
	}
	checksum := declared
	if checksum == nil {
		checksum = ChosenChecksum(StatedChecksums(response.Header, true))
	}
	if checksum != nil {
		return FileMatches(t.target, *checksum)
	}
	when, err := http.ParseTime(response.Header.Get("Last-Modified"))
	return err == nil && info.ModTime().Unix() == when.Unix()
}

// declaredTotal is the whole file's size: Content-Range's total for a 206, the Content-Length of an unencoded 200; -1 if unknown.
func declaredTotal(response *http.Response) int64 {
	if response.StatusCode == http.StatusPartialContent {
		match := contentRange.FindStringSubmatch(response.Header.Get("Content-Range"))
		if match == nil || match[3] == "*" {
			return -1
		}
		total, err := strconv.ParseInt(match[3], 10, 64)
		if err != nil {
			return -1
		}
		return total
	}
	return DeclaredSize(response)
}

// cutError is a body that stopped before its end.
type cutError struct{ err error }

func (e *cutError) Error() string { return e.err.Error() }
func (e *cutError) Unwrap() error { return e.err }

// ---------------------------------------------------------------- sources

// source opens the file's response, with extra headers; it may know a new link when the old one expired.
type source interface {
	identity() string
	checksum() *Checksum
	open(ctx context.Context, headers map[string]string) (*Download, error)
	renew(ctx context.Context, err error) (bool, error)
	ranged() bool // the call's success is a 206, the part its own Range asks for
}

// linkSource is a link fetched without credentials; fetch, when set, asks the API for a new one.
type linkSource struct {
	t         *Transport
	link      Link
	fetch     func(context.Context) (Link, error)
	refreshes int
}

func (s *linkSource) identity() string    { return URLIdentity(s.link.URL) }
func (s *linkSource) checksum() *Checksum { return s.link.Checksum }
func (s *linkSource) ranged() bool        { return false }

func (s *linkSource) open(ctx context.Context, headers map[string]string) (*Download, error) {
	sent, err := s.t.bareSend(ctx, http.MethodGet, s.link.URL, s.link.ExpiresAt, false, headers)
	if err != nil {
		return nil, err
	}
	return sent.download(s.t.config.StallTimeout), nil
}

func (s *linkSource) renew(ctx context.Context, err error) (bool, error) {
	if s.fetch == nil || s.refreshes >= DefaultMaxRefreshes || !IsExpiredLink(err) {
		return false, nil
	}
	s.refreshes++
	link, fetchErr := s.fetch(ctx)
	if fetchErr != nil {
		return false, fetchErr
	}
	s.link = link
	return true, nil
}

// streamSource is a streamed API response; open sends the call with extra headers. It cannot be renewed.
type streamSource struct {
	call    func(ctx context.Context, opts ...CallOption) (*Download, error)
	options []CallOption
	part    bool
}

func (s *streamSource) identity() string    { return "" }
func (s *streamSource) checksum() *Checksum { return nil }
func (s *streamSource) ranged() bool        { return s.part }

func (s *streamSource) open(ctx context.Context, headers map[string]string) (*Download, error) {
	options := append([]CallOption(nil), s.options...)
	for name, value := range headers {
		options = append(options, WithExtraHeader(name, value))
	}
	return s.call(ctx, options...)
}

func (s *streamSource) renew(context.Context, error) (bool, error) { return false, nil }

// onceSource is a response already open: it cannot be asked for again.
type onceSource struct{ download *Download }

func (s *onceSource) identity() string    { return "" }
func (s *onceSource) checksum() *Checksum { return nil }
func (s *onceSource) ranged() bool        { return false }

func (s *onceSource) open(context.Context, map[string]string) (*Download, error) {
	if s.download == nil {
		return nil, &DownloadError{Message: "the response cannot be asked for again: call the operation again"}
	}
	download := s.download
	s.download = nil
	return download, nil
}

func (s *onceSource) renew(context.Context, error) (bool, error) { return false, nil }

// ---------------------------------------------------------------- the loop

// SaveLink saves the file of the link fetch gives into path (a file, or a
// folder to put it in) with the credential-free download client. When the
// storage host says the link expired (or it expires before it is sent), fetch
// is asked for a new one, at most DefaultMaxRefreshes times; see SaveOptions
// for Resume, SkipVerify and SkipIdentical.
func (t *Transport) SaveLink(ctx context.Context, fetch func(context.Context) (Link, error), path string, options SaveOptions) (string, error) {
	if err := CheckTarget(path, options.Overwrite || options.SkipIdentical); err != nil {
		return "", err
	}
	link, err := fetch(ctx)
	if err != nil {
		return "", err
	}
	return fetchToFile(ctx, &linkSource{t: t, link: link, fetch: fetch}, path, options, t.config.Retry)
}

// SaveStream saves the streamed response of call into path; with Resume a cut
// body is asked for again from where it stopped (call gets a Range header as a
// CallOption after options). See SaveOptions.
func (t *Transport) SaveStream(ctx context.Context, call func(ctx context.Context, opts ...CallOption) (*Download, error), options []CallOption, path string, save SaveOptions) (string, error) {
	if err := CheckTarget(path, save.Overwrite || save.SkipIdentical); err != nil {
		return "", err
	}
	return fetchToFile(ctx, &streamSource{call: call, options: options}, path, save, t.config.Retry)
}

// SaveRangedStream is SaveStream for a call whose success is a 206 Partial Content, the part
// its own Range argument asks for: that answer is saved as it comes (its Content-Length
// checked, not the digests the server states of the whole file) and never resumed.
func (t *Transport) SaveRangedStream(ctx context.Context, call func(ctx context.Context, opts ...CallOption) (*Download, error), options []CallOption, path string, save SaveOptions) (string, error) {
	if err := CheckTarget(path, save.Overwrite || save.SkipIdentical); err != nil {
		return "", err
	}
	return fetchToFile(ctx, &streamSource{call: call, options: options, part: true}, path, save, t.config.Retry)
}

// fetchToFile saves the file src opens into path; cuts are retried by retry while the part can be resumed.
func fetchToFile(ctx context.Context, src source, path string, options SaveOptions, retry RetryPolicy) (saved string, err error) {
	if err := CheckTarget(path, options.Overwrite || options.SkipIdentical); err != nil {
		return "", err
	}
	transfer, err := newTransfer(ctx, path, options)
	defer func() { transfer.lock.release() }() // after the part is kept or removed
	if err != nil {
		return "", err
	}
	transfer.ranged = src.ranged()
	defer func() {
		if err != nil {
			transfer.abandon(err)
		}
	}()
	started, cuts := time.Now(), 0
	for {
		saved, skipped, err := transfer.attempt(ctx, src)
		if err == nil {
			if skipped {
				noteSkipped(ctx)
			}
			return saved, nil
		}
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		if errors.Is(err, errRestart) {
			continue
		}
		var cut *cutError
		var connection *ConnectionError
		if errors.As(err, &cut) || errors.As(err, &connection) {
			wait, again := time.Duration(0), false
			if transfer.resumable() {
				wait, again = retry.Delay(cuts, 0, false, time.Since(started))
			}
			if !again {
				return "", transfer.cutFailure(err)
			}
			transfer.pause()
			if err := sleepContext(ctx, wait); err != nil {
				return "", err
			}
			cuts++
			continue
		}
		renewed, renewErr := src.renew(ctx, err)
		if renewErr != nil {
			return "", renewErr
		}
		if renewed {
			continue
		}
		var status *APIError
		if errors.As(err, &status) && status.StatusCode == http.StatusRequestedRangeNotSatisfiable && transfer.restart() {
			continue
		}
		return "", err
	}
}

// attempt is one request: its body written into the part, and the file finished when it is whole.
func (t *transfer) attempt(ctx context.Context, src source) (string, bool, error) {
	download, err := src.open(ctx, t.requestHeaders(src.identity()))
	if err != nil {
		return "", false, err
	}
	defer download.Close()
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		select {
		case <-ctx.Done():
			download.cancel()
		case <-stop:
		}
	}()
	proceed, err := t.begin(download, src.identity(), src.checksum())
	if err != nil {
		return "", false, err
	}
	if !proceed {
		return t.target, true, nil
	}
	if err := t.copy(download); err != nil {
		return "", false, err
	}
	saved, err := t.finish()
	return saved, false, err
}

func (t *transfer) cutFailure(err error) error {
	var connection *ConnectionError
	if errors.As(err, &connection) && t.written == 0 {
		return err
	}
	inner := err
	var cut *cutError
	if errors.As(err, &cut) {
		inner = cut.err
	}
	kept := ""
	if t.resumable() {
		kept = " (the part is kept: call again with Resume to continue)"
	}
	return &DownloadError{Message: fmt.Sprintf("download of %s failed: %v%s", t.name(), inner, kept), Err: inner}
}
