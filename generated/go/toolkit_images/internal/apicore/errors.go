// Copied by generator 0.1.0 from templates/go/runtime/errors.go. Do not edit.
package apicore

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// MessageLimit is the longest message taken from a response body, in characters.
const MessageLimit = 500

// xmlMessageLimit is the longest XML <Message> read (Go's regexp repeats at most 1000 times).
const xmlMessageLimit = 2000

// ErrorBodyLimit is the largest part of an error body that is read, in bytes.
const ErrorBodyLimit = 64 * 1024

var (
	messageKeys      = []string{"message", "error", "detail", "ErrorMessage", "title", "error_description", "errors", "msg"}
	requestIDHeaders = []string{"x-request-id", "request-id", "x-amzn-requestid", "x-amz-request-id", "x-correlation-id"}
	xmlMessage       = regexp.MustCompile(`<Message>([^<]+)</Message>`)
)

// APIError is the error for every response with an error status (and an
// unexpected redirect). The status families wrap it: errors.As(err, &apiErr)
// finds it whatever the family.
type APIError struct {
	// StatusCode is the response's status.
	StatusCode int
	// Message is the API's own explanation, taken from the body when it has one.
	Message string
	// Body is the start of the error body, at most ErrorBodyLimit bytes.
	Body []byte
	// Parsed is Body decoded as JSON, or nil when it is not JSON.
	Parsed any
	// RequestID is the request id the server named in a header, if any.
	RequestID string
	// Method and Path name the request (never its query or headers).
	Method string
	Path   string
	// RetryAfter is the wait the response asked for (Retry-After), when HasRetryAfter.
	RetryAfter    time.Duration
	HasRetryAfter bool
	// Response is the response, its body already read and closed.
	Response *http.Response
}

func (e *APIError) Error() string {
	reason := reasonOf(e.StatusCode)
	text := fmt.Sprintf("%d %s", e.StatusCode, reason)
	if e.Message != "" && e.Message != reason {
		text += ": " + e.Message
	}
	if e.Method != "" {
		text = e.Method + " " + e.Path + " -> " + text
	}
	if e.RequestID != "" {
		text += " (request id " + e.RequestID + ")"
	}
	return text
}

// BadRequestError is a 400 Bad Request.
type BadRequestError struct{ *APIError }

// AuthenticationError is a 401 Unauthorized: the credentials are missing, wrong or expired.
type AuthenticationError struct{ *APIError }

// PermissionDeniedError is a 403 Forbidden.
type PermissionDeniedError struct{ *APIError }

// NotFoundError is a 404 Not Found.
type NotFoundError struct{ *APIError }

// ConflictError is a 409 Conflict; some APIs answer it while a resource is not ready yet.
type ConflictError struct{ *APIError }

// UnprocessableEntityError is a 422 Unprocessable Entity.
type UnprocessableEntityError struct{ *APIError }

// RateLimitError is a 429 Too Many Requests; RetryAfter is the wait the server asked for, if HasRetryAfter.
type RateLimitError struct{ *APIError }

// InternalServerError is any 5xx status.
type InternalServerError struct{ *APIError }

func (e *BadRequestError) Unwrap() error          { return e.APIError }
func (e *AuthenticationError) Unwrap() error      { return e.APIError }
func (e *PermissionDeniedError) Unwrap() error    { return e.APIError }
func (e *NotFoundError) Unwrap() error            { return e.APIError }
func (e *ConflictError) Unwrap() error            { return e.APIError }
func (e *UnprocessableEntityError) Unwrap() error { return e.APIError }
func (e *RateLimitError) Unwrap() error           { return e.APIError }
func (e *InternalServerError) Unwrap() error      { return e.APIError }

// ConnectionError is a request that got no response: the server could not be
// reached, the connection broke, or (Timeout) it timed out.
type ConnectionError struct {
	Method  string
	URL     string // scheme, host, port and path only
	Timeout bool
	Err     error
}

func (e *ConnectionError) Error() string {
	return fmt.Sprintf("%s %s: %v", e.Method, e.URL, e.Err)
}

func (e *ConnectionError) Unwrap() error { return e.Err }

// ArgumentError is a parameter value refused before any request was sent.
type ArgumentError struct {
	Parameter string
	Problem   string
}

func (e *ArgumentError) Error() string {
	return fmt.Sprintf("invalid value for %s: %s", strconv.Quote(e.Parameter), e.Problem)
}

// MissingCredentialsError is an operation that needs credentials the client was not given.
// Alternatives lists the security scheme names that would do: any one group,
// with every scheme in that group; Hints says how to provide a scheme.
type MissingCredentialsError struct {
	Alternatives [][]string
	Hints        map[string]string
}

func (e *MissingCredentialsError) Error() string {
	options := make([]string, 0, len(e.Alternatives))
	for _, group := range e.Alternatives {
		names := make([]string, 0, len(group))
		for _, name := range group {
			if hint, ok := e.Hints[name]; ok {
				name += " (" + hint + ")"
			}
			names = append(names, name)
		}
		options = append(options, strings.Join(names, " and "))
	}
	wanted := strings.Join(options, "")
	if len(options) != 1 {
		wanted = "one of: " + strings.Join(options, " | ")
	}
	return "this operation needs credentials, provide " + wanted
}

// DecodeError is a success response whose body does not match the spec.
type DecodeError struct {
	StatusCode int
	Problem    string
	Response   *http.Response
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("cannot decode the %d response: %s", e.StatusCode, e.Problem)
}

// ResponseTooLargeError is a success body read into memory past the client's
// MaxBodySize; it was not read whole. Declared is the Content-Length, or -1.
type ResponseTooLargeError struct {
	*DecodeError
	Limit    int64
	Declared int64
}

func (e *ResponseTooLargeError) Unwrap() error { return e.DecodeError }

func newTooLarge(response *http.Response, limit, declared int64) *ResponseTooLargeError {
	size := "more"
	if declared >= 0 {
		size = fmt.Sprintf("%d bytes", declared)
	}
	problem := fmt.Sprintf("the body has %s, past the limit of %d bytes (MaxBodySize)", size, limit)
	return &ResponseTooLargeError{
		DecodeError: &DecodeError{StatusCode: response.StatusCode, Problem: problem, Response: response},
		Limit:       limit,
		Declared:    declared,
	}
}

// DownloadError is a download that could not be completed; no partial file is left behind.
type DownloadError struct {
	Message string
	Err     error
}

func (e *DownloadError) Error() string { return e.Message }

func (e *DownloadError) Unwrap() error { return e.Err }

// LinkExpiredError is a presigned link that expired (or is about to) before it could be fetched.
type LinkExpiredError struct {
	*DownloadError
	ExpiredAt time.Time
}

func (e *LinkExpiredError) Unwrap() error { return e.DownloadError }

func newLinkExpired(at time.Time) *LinkExpiredError {
	message := "the download link expired at " + at.UTC().Format(time.RFC3339) + "; request a new one"
	return &LinkExpiredError{DownloadError: &DownloadError{Message: message}, ExpiredAt: at}
}

// FileExistsError is a download target that exists and may not be overwritten;
// errors.Is(err, fs.ErrExist) holds for it.
type FileExistsError struct {
	Path string
}

func (e *FileExistsError) Error() string {
	return "refusing to overwrite " + e.Path + " (set Overwrite)"
}

// Is makes errors.Is(err, fs.ErrExist) true.
func (e *FileExistsError) Is(target error) bool { return target == fs.ErrExist }

// JobFailedError is an asynchronous job that ended in a failure state; Last is the last status the API returned.
type JobFailedError struct {
	JobID  string
	Status string
	Last   any
}

func (e *JobFailedError) Error() string {
	return fmt.Sprintf("job %s failed with status %s", e.JobID, strconv.Quote(e.Status))
}

// JobTimeoutError is an asynchronous job still running when the wait timed out; it may still finish later.
type JobTimeoutError struct {
	JobID   string
	Status  string
	Timeout time.Duration
}

func (e *JobTimeoutError) Error() string {
	return fmt.Sprintf("job %s still %s after %s", e.JobID, strconv.Quote(e.Status), e.Timeout)
}

// NotReadyTimeoutError is a resource that still answered "not ready" when the
// wait timed out; Last is the last not-ready error.
type NotReadyTimeoutError struct {
	Timeout time.Duration
	Last    error
}

func (e *NotReadyTimeoutError) Error() string {
	return fmt.Sprintf("still not ready after %s", e.Timeout)
}

func (e *NotReadyTimeoutError) Unwrap() error { return e.Last }

// StatusError is the typed error for a response with an error status whose
// first bytes (at most ErrorBodyLimit) are body; method and path name the request.
func StatusError(response *http.Response, body []byte, method, path string) error {
	if len(body) > ErrorBodyLimit {
		body = body[:ErrorBodyLimit]
	}
	parsed := parseErrorJSON(body)
	message := messageFromJSON(parsed, 0)
	if message == "" {
		message = messageFromText(response, body)
	}
	if message == "" {
		message = reasonOf(response.StatusCode)
	}
	base := &APIError{
		StatusCode: response.StatusCode,
		Message:    shorten(message),
		Body:       body,
		Parsed:     parsed,
		RequestID:  requestID(response.Header),
		Method:     method,
		Path:       path,
		Response:   response,
	}
	base.RetryAfter, base.HasRetryAfter = ParseRetryAfter(response.Header, time.Now())
	switch code := response.StatusCode; {
	case code == 400:
		return &BadRequestError{base}
	case code == 401:
		return &AuthenticationError{base}
	case code == 403:
		return &PermissionDeniedError{base}
	case code == 404:
		return &NotFoundError{base}
	case code == 409:
		return &ConflictError{base}
	case code == 422:
		return &UnprocessableEntityError{base}
	case code == 429:
		return &RateLimitError{base}
	case code >= 500:
		return &InternalServerError{base}
	}
	return base
}

func parseErrorJSON(body []byte) any {
	if len(bytes.TrimSpace(body)) == 0 || JSONTooDeep(body, MaxJSONDepth) {
		return nil
	}
	var parsed any
	if json.Unmarshal(body, &parsed) != nil {
		return nil
	}
	return parsed
}

func messageFromJSON(body any, depth int) string {
	if depth > 8 {
		return ""
	}
	switch value := body.(type) {
	case string:
		return strings.TrimSpace(value)
	case []any:
		for i, item := range value {
			if i >= 5 {
				break
			}
			if found := messageFromJSON(item, depth+1); found != "" {
				return found
			}
		}
	case map[string]any:
		for _, key := range messageKeys {
			if item, ok := value[key]; ok {
				if found := messageFromJSON(item, depth+1); found != "" {
					return found
				}
			}
		}
	}
	return ""
}

func messageFromText(response *http.Response, body []byte) string {
	for _, found := range xmlMessage.FindAllSubmatch(body, -1) {
		if len(found[1]) <= xmlMessageLimit {
			return strings.TrimSpace(strings.ToValidUTF8(string(found[1]), "\uFFFD"))
		}
	}
	if strings.HasPrefix(response.Header.Get("Content-Type"), "text/plain") && len(body) <= MessageLimit {
		return strings.TrimSpace(strings.ToValidUTF8(string(body), "\uFFFD"))
	}
	return ""
}

func shorten(message string) string {
	flat := strings.Join(strings.Fields(message), " ")
	if utf8.RuneCountInString(flat) <= MessageLimit {
		return flat
	}
	runes := []rune(flat)
	return string(runes[:MessageLimit-1]) + "…"
}

func reasonOf(status int) string {
	if text := http.StatusText(status); text != "" {
		return text
	}
	return fmt.Sprintf("HTTP %d", status)
}

func requestID(header http.Header) string {
	for _, name := range requestIDHeaders {
		if value := header.Get(name); value != "" {
			return value
		}
	}
	return ""
}
