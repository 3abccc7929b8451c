// Copied by generator 0.1.0 from templates/go/runtime/download.go. Do not edit.
package apicore

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ExpiryLeeway is how long before its expiry a presigned link is refused.
const ExpiryLeeway = 30 * time.Second

const maxRedirects = 10

// millisecondsThreshold: larger epoch numbers are milliseconds (as seconds they would be after the year 5000).
const millisecondsThreshold = 100_000_000_000

// Download is a streamed response body: read it (it is an io.ReadCloser) or
// Save it; Close it in any case. A read that waits past the stall timeout
// fails with a ConnectionError whose Timeout is set.
type Download struct {
	// Response is the response; its Body is read through the Download.
	Response *http.Response
	// URL is where the body came from, without its query (for names and messages).
	URL    string
	method string
	body   *stallReader
	cancel context.CancelFunc
	once   sync.Once
}

func (a *attempt) download(stall time.Duration) *Download {
	if a.timer != nil {
		a.timer.Stop() // the attempt's timeout covered the headers; the body has the stall timeout
	}
	address := *a.response.Request.URL
	address.RawQuery, address.Fragment, address.User = "", "", nil
	return &Download{
		Response: a.response,
		URL:      address.String(),
		method:   a.method,
		body:     &stallReader{body: a.response.Body, timeout: stall, cancel: a.cancel, stalled: &flag{}},
		cancel:   a.cancel,
	}
}

// Read reads the body.
func (d *Download) Read(p []byte) (int, error) {
	n, err := d.body.Read(p)
	if err != nil && err != io.EOF && d.body.stalled.get() {
		err = &ConnectionError{Method: d.method, URL: d.URL, Timeout: true, Err: fmt.Errorf("no data for %s", d.body.timeout)}
	}
	return n, err
}

// Close closes the body and ends the request.
func (d *Download) Close() error {
	var err error
	d.once.Do(func() {
		err = d.body.body.Close()
		d.body.stop()
		d.cancel()
	})
	return err
}

// Size is the size the response announces (Content-Length), or -1.
func (d *Download) Size() int64 { return DeclaredSize(d.Response) }

// Filename is the safe file name the server suggests (Content-Disposition),
// else the last segment of the URL's path, else "download".
func (d *Download) Filename() string {
	fallback := ""
	if parsed, err := url.Parse(d.URL); err == nil {
		segment := parsed.Path[strings.LastIndex(parsed.Path, "/")+1:]
		fallback = segment
	}
	return SafeFilename(d.Response.Header.Get("Content-Disposition"), fallback)
}

// stallReader cuts a body whose Read waits longer than timeout for data.
type stallReader struct {
	body    io.ReadCloser
	timeout time.Duration
	cancel  context.CancelFunc
	stalled *flag
	mu      sync.Mutex
	timer   *time.Timer
}

func (s *stallReader) Read(p []byte) (int, error) {
	if s.timeout > 0 {
		s.mu.Lock()
		if s.timer == nil {
			s.timer = time.AfterFunc(s.timeout, func() { s.stalled.set(); s.cancel() })
		} else {
			s.timer.Reset(s.timeout)
		}
		s.mu.Unlock()
		defer s.stop()
	}
	return s.body.Read(p)
}

func (s *stallReader) stop() {
	s.mu.Lock()
	if s.timer != nil {
		s.timer.Stop()
	}
	s.mu.Unlock()
}

// BareClient is a new HTTP client with no credentials, headers or cookies of
// the API's, following at most 10 redirects.
func BareClient() *http.Client {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	return &http.Client{Transport: transport, CheckRedirect: limitRedirects}
}

// ErrTooManyRedirects ends a redirect chain longer than 10; it is never retried
// (the chain would only repeat).
var ErrTooManyRedirects = fmt.Errorf("stopped after %d redirects", maxRedirects)

func limitRedirects(_ *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return ErrTooManyRedirects
	}
	return nil
}

// OpenURL GETs rawURL with the credential-free download client as a stream; a
// link expiring within ExpiryLeeway of expiresAt is refused first (zero: never expires).
func (t *Transport) OpenURL(ctx context.Context, rawURL string, expiresAt time.Time) (*Download, error) {
	sent, err := t.bareSend(ctx, http.MethodGet, rawURL, expiresAt, false, nil)
	if err != nil {
		return nil, err
	}
	return sent.download(t.config.StallTimeout), nil
}

// DownloadURL saves the file at rawURL to path (a file, or a folder to put it
// in) with the credential-free download client, and returns the file's path;
// see SaveOptions for Resume, SkipVerify and SkipIdentical. The link is not
// asked for again: SaveLink renews an expired one.
func (t *Transport) DownloadURL(ctx context.Context, rawURL, path string, options SaveOptions) (string, error) {
	return fetchToFile(ctx, &linkSource{t: t, link: Link{URL: rawURL, ExpiresAt: options.ExpiresAt}}, path, options, t.config.Retry)
}

// HeadSize is the size a HEAD request on rawURL announces (Content-Length), or -1.
func (t *Transport) HeadSize(ctx context.Context, rawURL string) (int64, error) {
	sent, err := t.bareSend(ctx, http.MethodHead, rawURL, time.Time{}, true, nil)
	if err != nil {
		return 0, err
	}
	return DeclaredSize(sent.response), nil
}

// FollowRedirect saves the target of a redirect response (Getty's 303) with
// the credential-free download client; see DownloadURL.
func (t *Transport) FollowRedirect(ctx context.Context, response *Response, path string, options SaveOptions) (string, error) {
	location, err := RedirectLocation(response.Response)
	if err != nil {
		return "", err
	}
	return t.DownloadURL(ctx, location, path, options)
}

// OpenRedirect streams the target of a redirect response with the credential-free download client.
func (t *Transport) OpenRedirect(ctx context.Context, response *Response) (*Download, error) {
	location, err := RedirectLocation(response.Response)
	if err != nil {
		return nil, err
	}
	return t.OpenURL(ctx, location, time.Time{})
}

// RedirectLocation is the absolute URL a redirect response points to; a
// relative Location is resolved against the request, never keeping its query.
func RedirectLocation(response *http.Response) (string, error) {
	location := response.Header.Get("Location")
	if location == "" {
		return "", &DownloadError{Message: fmt.Sprintf("the %d response names no Location to download from", response.StatusCode)}
	}
	reference, err := url.Parse(location)
	if err != nil {
		return "", &DownloadError{Message: fmt.Sprintf("the %d response names a Location that is no URL", response.StatusCode)}
	}
	if response.Request == nil || response.Request.URL == nil {
		return reference.String(), nil
	}
	resolved := response.Request.URL.ResolveReference(reference)
	resolved.RawQuery = reference.RawQuery
	resolved.User = reference.User
	return resolved.String(), nil
}

func (t *Transport) bareSend(ctx context.Context, method, rawURL string, expiresAt time.Time, readBody bool, headers map[string]string) (*attempt, error) {
	if err := EnsureNotExpired(expiresAt, time.Now()); err != nil {
		return nil, err
	}
	parsed, err := url.Parse(rawURL)
	if err != nil || (parsed.Scheme != "http" && parsed.Scheme != "https") || parsed.Host == "" {
		return nil, &DownloadError{Message: "the download URL is not an absolute http(s) URL"}
	}
	agent := t.config.UserAgent
	build := func(ctx context.Context) (*http.Request, error) {
		request, err := http.NewRequestWithContext(ctx, method, parsed.String(), nil)
		if err != nil {
			return nil, &DownloadError{Message: "the download URL cannot be requested: " + describeURLError(err)}
		}
		if agent != "" && CheckHeaderValue("User-Agent", agent) == nil {
			request.Header.Set("User-Agent", agent)
		}
		for name, value := range headers {
			request.Header.Set(name, value)
		}
		return request, nil
	}
	exchange := &exchange{
		client: t.DownloadClient(), build: build, policy: t.config.Retry, timeout: t.config.Timeout,
		readBody: readBody, maxBody: t.config.MaxBodySize, path: parsed.EscapedPath(),
	}
	sent, err := exchange.run(ctx)
	if err != nil {
		return nil, err
	}
	if failed(sent.response.StatusCode, false) {
		return nil, sent.statusError()
	}
	return sent, nil
}

// EnsureNotExpired refuses, with LinkExpiredError, a link expiring within
// ExpiryLeeway of now; a zero expiresAt never expires.
func EnsureNotExpired(expiresAt time.Time, now time.Time) error {
	if expiresAt.IsZero() {
		return nil
	}
	if !expiresAt.Add(-ExpiryLeeway).After(now) {
		return newLinkExpired(expiresAt)
	}
	return nil
}

// ParseExpiry reads an expiry as APIs give it: Unix seconds (or milliseconds)
// as a number or digits, an RFC 3339 date-time, or a time.Time.
func ParseExpiry(value any) (time.Time, error) {
	var seconds float64
	switch v := value.(type) {
	case time.Time:
		return v, nil
	case int:
		seconds = float64(v)
	case int64:
		seconds = float64(v)
	case float64:
		seconds = v
	case string:
		text := strings.TrimSpace(v)
		number, err := strconv.ParseFloat(text, 64)
		if err != nil || strings.ContainsAny(text, "eE+-") {
			when, err := time.Parse(time.RFC3339Nano, text)
			if err != nil {
				return time.Time{}, fmt.Errorf("not an expiry: %q", text)
			}
			return when, nil
		}
		seconds = number
	default:
		return time.Time{}, fmt.Errorf("not an expiry: %T", value)
	}
	if seconds > millisecondsThreshold {
		seconds /= 1000
	}
	whole := int64(seconds)
	return time.Unix(whole, int64((seconds-float64(whole))*1e9)).UTC(), nil
}
