"""The runtime's names a Go package re-exports (``exports.go``), so code outside the module can call every method.

The runtime lives in ``internal/apicore``: Go refuses to import it from another module,
so a type a method takes (``SaveOptions``, ``WaitOptions``) or an error a caller tests with
``errors.As`` must also be named by the package itself. Type aliases keep them one type;
the functions are thin wrappers. No model, service or params struct may take these names.
"""

from __future__ import annotations

from ...immutable import immutable

EXPORTED_TYPES = (
    ("SaveOptions", "says how a download is saved (Overwrite, Progress, Resume, SkipVerify, SkipIdentical)."),
    ("ManyOptions", "says how a batch of downloads is saved (Save, Concurrency, Progress)."),
    ("BulkState", "is how far a batch is: items finished of all, and bytes written."),
    ("ItemStatus", "is what became of one item of a batch: ItemSaved, ItemSkipped or ItemFailed."),
    ("WaitOptions", "bounds a wait for a job or a resource that is not ready (Timeout, PollInterval)."),
    ("RetryPolicy", "says which failures are retried and how long to wait between attempts."),
    ("ProgressFunc", "is called after each chunk of a download with the bytes written and the total (-1: unknown)."),
    ("FormFile", "is one file of a multipart/form-data body (Name, ContentType, Content): a part of its own."),
    ("Download", "is a streamed response body: read it or Save it; Close it in any case."),
)

EXPORTED_ERRORS = (
    "APIError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
    "ConnectionError",
    "ArgumentError",
    "MissingCredentialsError",
    "DecodeError",
    "ResponseTooLargeError",
    "DownloadError",
    "ChecksumMismatchError",
    "LinkExpiredError",
    "FileExistsError",
    "JobFailedError",
    "JobTimeoutError",
    "NotReadyTimeoutError",
    "PaginationError",
)

EXPORTED_FUNCS = (
    ("DefaultRetryPolicy", "", "RetryPolicy", "returns the policy a client uses unless WithRetryPolicy replaces it."),
    ("NoRetry", "", "RetryPolicy", "returns a policy that never retries."),
    ("WithCallRetry", "policy RetryPolicy", "CallOption", "replaces the retry policy for one call."),
    ("WithCallTimeout", "timeout time.Duration", "CallOption", "bounds each attempt of one call."),
    ("WithExtraHeader", "name, value string", "CallOption", "adds a header to one call."),
    ("WithExtraQuery", "name, value string", "CallOption", "adds a query pair to one call."),
)

EXPORTED_CONSTS = ("ItemSaved", "ItemSkipped", "ItemFailed")
"""The statuses of a batch's items (``ItemResult.Status``)."""

EXPORTED_VARS = (
    ("ErrDownloadInProgress", "is the error (test with errors.Is) of a download whose file another download writes."),
)
"""The runtime's sentinel errors."""

EXPORTED_NAMES = frozenset(
    {name for name, _ in EXPORTED_TYPES}
    | set(EXPORTED_ERRORS)
    | {name for name, _ in EXPORTED_VARS}
    | {name for name, *_ in EXPORTED_FUNCS}
    | set(EXPORTED_CONSTS)
)
"""Every name ``exports.go`` declares."""


def _call_args(params: str) -> str:
    """``name, value string`` -> ``name, value``; ``policy RetryPolicy`` -> ``policy``."""
    return ", ".join(group.split()[0] for group in params.split(",") if group.split())


@immutable
class ExportedFunc:
    name: str
    params: str
    """The parameters as Go writes them (``name, value string``)."""
    args: str
    """The same names, passed on (``name, value``)."""
    result: str
    doc: str


@immutable
class ExportsVM:
    types: tuple[tuple[str, str], ...] = EXPORTED_TYPES
    errors: tuple[str, ...] = EXPORTED_ERRORS
    consts: tuple[str, ...] = EXPORTED_CONSTS
    variables: tuple[tuple[str, str], ...] = EXPORTED_VARS
    funcs: tuple[ExportedFunc, ...] = tuple(
        ExportedFunc(name, params, _call_args(params), result, doc) for name, params, result, doc in EXPORTED_FUNCS
    )
