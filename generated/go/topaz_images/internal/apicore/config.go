// Copied by generator 0.1.0 from templates/go/runtime/config.go. Do not edit.
package apicore

import (
	"math"
	"math/rand"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// DefaultTimeout bounds one attempt of a call: until its body is read, or for a
// streamed download until its headers arrive.
const DefaultTimeout = 60 * time.Second

// DefaultStallTimeout cuts a streamed body that delivers no byte for this long.
const DefaultStallTimeout = 60 * time.Second

// DefaultMaxBodySize is the bytes a success body read into memory may have (64 MiB);
// streamed downloads have no such cap.
const DefaultMaxBodySize int64 = 64 * 1024 * 1024

// RetryPolicy says when and how long to wait before sending a failed request again.
//
// Retries use exponential backoff with full jitter: before retry n (0-based)
// the client sleeps a random time in [0, min(MaxDelay, InitialDelay*2^n)]. A
// server's Retry-After replaces the backoff and is honoured exactly; one that
// cannot be read waits MaxDelay. Every wait must fit in what is left of
// MaxElapsed, otherwise the call gives up at once with the last error.
// POST and PATCH are retried only when the server cannot have acted on them
// (408, 429, no connection made) unless RetryUnsafeMethods is set.
type RetryPolicy struct {
	MaxRetries         int
	InitialDelay       time.Duration
	MaxDelay           time.Duration
	MaxElapsed         time.Duration
	RetryStatuses      []int
	RetryUnsafeMethods bool
}

// DefaultRetryPolicy is the policy of the other styles: 2 retries, 0.5 s initial
// delay, 8 s longest delay, 60 s in all, on 408, 429, 500, 502, 503 and 504.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{
		MaxRetries:    2,
		InitialDelay:  500 * time.Millisecond,
		MaxDelay:      8 * time.Second,
		MaxElapsed:    60 * time.Second,
		RetryStatuses: []int{408, 429, 500, 502, 503, 504},
	}
}

// NoRetry is a policy that never retries.
func NoRetry() RetryPolicy {
	policy := DefaultRetryPolicy()
	policy.MaxRetries = 0
	return policy
}

// Delay is the wait before retry number attempt (0-based), or false to give up.
// retryAfter is the server's requested wait when hasRetryAfter; elapsed the time
// spent on the call so far.
func (p RetryPolicy) Delay(attempt int, retryAfter time.Duration, hasRetryAfter bool, elapsed time.Duration) (time.Duration, bool) {
	if attempt >= p.MaxRetries {
		return 0, false
	}
	var wait time.Duration
	if hasRetryAfter {
		wait = retryAfter
		if wait < 0 {
			wait = 0
		}
	} else {
		ceiling := p.MaxDelay
		if attempt < 62 {
			if grown := float64(p.InitialDelay) * math.Pow(2, float64(attempt)); grown < float64(ceiling) {
				ceiling = time.Duration(grown)
			}
		}
		if ceiling > 0 {
			wait = time.Duration(rand.Int63n(int64(ceiling) + 1))
		}
	}
	if elapsed+wait > p.MaxElapsed || elapsed+wait < elapsed {
		return 0, false
	}
	return wait, true
}

func (p RetryPolicy) retriesStatus(status int) bool {
	for _, code := range p.RetryStatuses {
		if code == status {
			return true
		}
	}
	return false
}

var (
	delaySeconds = regexp.MustCompile(`^\s*\d+(?:\.\d*)?(?:[eE][+-]?\d+)?\s*$`)
	imfFixdate   = regexp.MustCompile(`^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$`)
)

// ParseRetryAfter is the wait a response asks for: Retry-After-Ms, or
// Retry-After as delta-seconds (also 1.5 or 1e3) or an IMF-fixdate date
// (a date in the past is 0). False when it asks for none or in a form that
// cannot be read ("soon", "-5", "inf", another date format).
func ParseRetryAfter(header http.Header, now time.Time) (time.Duration, bool) {
	if millis, ok := readNumber(header.Get("Retry-After-Ms")); ok {
		return secondsDuration(millis / 1000), true
	}
	value := header.Get("Retry-After")
	if value == "" {
		return 0, false
	}
	if seconds, ok := readNumber(value); ok {
		return secondsDuration(seconds), true
	}
	text := strings.TrimSpace(value)
	if !imfFixdate.MatchString(text) {
		return 0, false
	}
	when, err := time.Parse(http.TimeFormat, text)
	if err != nil {
		return 0, false
	}
	if wait := when.Sub(now); wait > 0 {
		return wait, true
	}
	return 0, true
}

// RequestedWait is the wait to honour before retrying this response: what it
// asks for, MaxDelay when it asks in a form that cannot be read, else false.
func RequestedWait(header http.Header, policy RetryPolicy) (time.Duration, bool) {
	if wait, ok := ParseRetryAfter(header, time.Now()); ok {
		return wait, true
	}
	if header.Get("Retry-After") != "" || header.Get("Retry-After-Ms") != "" {
		return policy.MaxDelay, true
	}
	return 0, false
}

func readNumber(value string) (float64, bool) {
	if value == "" || !delaySeconds.MatchString(value) {
		return 0, false
	}
	number, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
	if err != nil && number == 0 {
		return 0, false
	}
	return number, true // too large for a float64 reads as +Inf: longer than any budget
}

func secondsDuration(seconds float64) time.Duration {
	if seconds*float64(time.Second) >= math.MaxInt64 {
		return time.Duration(math.MaxInt64)
	}
	return time.Duration(seconds * float64(time.Second))
}

// Config is a client's configuration; build it with NewConfig and options.
type Config struct {
	// BaseURL is the absolute http(s) URL the operations' paths are appended to.
	BaseURL string
	// ServerVariables are the values WithServerVariable gave, by variable name
	// (see ServerURL); they build the URL when BaseURL is empty.
	ServerVariables map[string]string
	// HTTPClient sends the API's requests; its redirects are never followed for
	// requests that carry credentials.
	HTTPClient *http.Client
	// DownloadClient fetches presigned and redirected files; it must carry no credentials.
	DownloadClient *http.Client
	Retry          RetryPolicy
	// Timeout bounds one attempt (0: no bound); StallTimeout a streamed body's silence.
	Timeout      time.Duration
	StallTimeout time.Duration
	MaxBodySize  int64
	UserAgent    string
	Headers      map[string]string
	// Credentials by the name of the security scheme they satisfy.
	Credentials map[string]Credential
	// CredentialHints says, per scheme, how to provide it (for MissingCredentialsError).
	CredentialHints map[string]string
	// OAuth2 holds, per oauth2 scheme, the grants and secrets its tokens are got
	// with when Credentials has none for it (oauth2.go).
	OAuth2 map[string]OAuth2Settings
	// Hooks run around every API call (hooks.go).
	Hooks Hooks
}

// Option changes a Config.
type Option func(*Config)

// WithBaseURL sends the requests to baseURL instead of the API's default.
func WithBaseURL(baseURL string) Option { return func(c *Config) { c.BaseURL = baseURL } }

// WithHTTPClient sends the API's requests with client (redirects are still not followed with credentials).
func WithHTTPClient(client *http.Client) Option { return func(c *Config) { c.HTTPClient = client } }

// WithDownloadClient fetches presigned and redirected files with client, which must carry no credentials.
func WithDownloadClient(client *http.Client) Option {
	return func(c *Config) { c.DownloadClient = client }
}

// WithRetryPolicy replaces the retry policy (NoRetry() never retries).
func WithRetryPolicy(policy RetryPolicy) Option { return func(c *Config) { c.Retry = policy } }

// WithTimeout bounds each attempt of a call (0: no bound).
func WithTimeout(timeout time.Duration) Option { return func(c *Config) { c.Timeout = timeout } }

// WithStallTimeout cuts a streamed body that delivers no byte for this long (0: never).
func WithStallTimeout(timeout time.Duration) Option {
	return func(c *Config) { c.StallTimeout = timeout }
}

// WithMaxBodySize sets the bytes a success body read into memory may have.
func WithMaxBodySize(size int64) Option { return func(c *Config) { c.MaxBodySize = size } }

// WithUserAgent replaces the User-Agent header.
func WithUserAgent(agent string) Option { return func(c *Config) { c.UserAgent = agent } }

// WithHeader adds a header to every API request (not to file downloads).
func WithHeader(name, value string) Option {
	return func(c *Config) {
		if c.Headers == nil {
			c.Headers = map[string]string{}
		}
		c.Headers[name] = value
	}
}

// WithCredential gives the credential for the security scheme named scheme.
func WithCredential(scheme string, credential Credential) Option {
	return func(c *Config) {
		if c.Credentials == nil {
			c.Credentials = map[string]Credential{}
		}
		c.Credentials[scheme] = credential
	}
}

// WithAPIKey gives an API key for scheme, sent as the header (or query
// parameter, or cookie: in is "header", "query" or "cookie") called name.
func WithAPIKey(scheme, name, in, value string) Option {
	return WithCredential(scheme, APIKey{Name: name, In: in, Value: value})
}

// WithBearerToken gives a bearer token for scheme.
func WithBearerToken(scheme, token string) Option {
	return WithCredential(scheme, BearerToken{Token: token})
}

// WithBasicAuth gives a user name and password for scheme.
func WithBasicAuth(scheme, username, password string) Option {
	return WithCredential(scheme, BasicAuth{Username: username, Password: password})
}

// WithCredentialHint says how to provide scheme, for MissingCredentialsError.
func WithCredentialHint(scheme, hint string) Option {
	return func(c *Config) {
		if c.CredentialHints == nil {
			c.CredentialHints = map[string]string{}
		}
		c.CredentialHints[scheme] = hint
	}
}

// NewConfig is the configuration of a client whose API lives at baseURL by
// default, with options applied in order.
func NewConfig(baseURL, userAgent string, options ...Option) Config {
	config := Config{
		BaseURL:      baseURL,
		Retry:        DefaultRetryPolicy(),
		Timeout:      DefaultTimeout,
		StallTimeout: DefaultStallTimeout,
		MaxBodySize:  DefaultMaxBodySize,
		UserAgent:    userAgent,
	}
	for _, option := range options {
		if option != nil {
			option(&config)
		}
	}
	return config
}
