// Copied by generator 0.1.0 from templates/go/runtime/doc.go. Do not edit.
// Package apicore is the runtime every generated Go client carries, copied as-is
// into the module's internal/apicore folder. It uses the standard library only.
//
// It provides what the Python and TypeScript runtimes provide, with the same
// behaviour, error families and messages:
//
//   - Config, built from functional options (WithBaseURL, WithHTTPClient,
//     WithRetryPolicy, WithTimeout, WithCredential, ...), and Transport, which
//     builds a request from a generated operation's Request (path parameters
//     escaped as one segment each, query pairs as given, credentials of the
//     first satisfiable security alternative), sends it with the caller's
//     context and retries it as the RetryPolicy allows.
//   - Typed errors usable with errors.As: *APIError for every error status, with
//     one type per status family wrapping it (*NotFoundError, *RateLimitError,
//     ...), *ConnectionError, *ArgumentError, *MissingCredentialsError,
//     *DecodeError, *DownloadError, *FileExistsError, job and wait errors.
//     No Error() text ever contains a credential: a request is named by its
//     method and path only.
//   - Bounded reading: a success body read into memory is capped (64 MiB by
//     default, WithMaxBodySize), an error body is read up to 64 KiB, JSON
//     nested deeper than 256 levels is refused, and a streamed body whose
//     reads stall past the stall timeout is cut.
//   - Downloads: a streamed Download (an io.ReadCloser), saved atomically by
//     Save (a hidden temporary file beside the target, fsync, rename; never a
//     partial file); presigned and redirected files fetched with a separate
//     client that carries no credentials.
//   - OAuth2 tokens the client gets itself (oauth2.go: client credentials,
//     password grant, refresh token; cached, refreshed before expiry, one
//     fetch shared by concurrent calls, a new token after a 401, *TokenError),
//     and hooks run around every call (hooks.go: WithBeforeRequest,
//     WithAfterResponse, WithOnError).
//   - Pager[T] over numbered or offset pages, Job[S] for asynchronous jobs, and
//     WaitUntilReady for resources that answer 409 until they are ready.
//
// Changes to exported signatures are listed here, newest first, so that the
// code generated against this package can follow them. None so far.
package apicore
