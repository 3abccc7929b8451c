// Copied by generator 0.1.0 from templates/typescript/runtime/errors.ts. Do not edit.
/**
 * Every error the client throws, and the mapping from an HTTP error response to one of them.
 *
 * ```text
 * APIError
 * ├── APIConnectionError              no response: DNS, refused, reset, TLS, ...
 * │   └── APITimeoutError             the request timed out
 * ├── APIStatusError                  the API answered with an error status
 * │   ├── BadRequestError             400
 * │   ├── AuthenticationError         401
 * │   ├── PermissionDeniedError       403
 * │   ├── NotFoundError               404
 * │   ├── ConflictError               409  (also "not ready yet")
 * │   ├── UnprocessableEntityError    422
 * │   ├── RateLimitError              429  (.retryAfterMs)
 * │   └── InternalServerError         5xx
 * ├── ResponseDecodeError             a success response whose body does not match the spec
 * │   └── ResponseTooLargeError       a success body read into memory passed maxBodySize
 * ├── RequestValidationError          an argument was refused before sending
 * ├── MissingCredentialsError         no credentials for any security alternative of the operation
 * ├── DownloadError                   a download could not be completed
 * │   └── LinkExpiredError            a presigned link expired before it was used
 * ├── JobFailedError                  an asynchronous job ended in a failure state
 * ├── JobTimeoutError                 an asynchronous job did not finish in time
 * └── NotReadyTimeoutError            a resource stayed "not ready" too long
 * ```
 *
 * An existing download target is refused with FileExistsError (code "EEXIST").
 * Messages never contain credentials: a request is named by method and path only.
 */

import { jsonTooDeep } from "./bodies.js";
import { parseRetryAfter } from "./config.js";

/** Longest message taken from a response body, in characters. */
export const MESSAGE_LIMIT = 500;

const MESSAGE_KEYS = ["message", "error", "detail", "ErrorMessage", "title", "error_description", "errors", "msg"];
const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-amzn-requestid", "x-amz-request-id", "x-correlation-id"];
const XML_MESSAGE = /<Message>([^<]{1,2000})<\/Message>/;

/** Base class of every error thrown by the client. */
export class APIError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The request got no response: the server could not be reached or the connection broke. */
export class APIConnectionError extends APIError {}

/** The request timed out. */
export class APITimeoutError extends APIConnectionError {}

/** The API answered with an error status; `apiMessage` is the API's own explanation. */
export class APIStatusError extends APIError {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly requestId: string | undefined;
  readonly apiMessage: string;

  constructor(response: Response, init: { message: string; body: unknown; method?: string; path?: string }) {
    const requestId = requestIdOf(response.headers);
    super(describe(response, init.message, requestId, init.method, init.path));
    this.status = response.status;
    this.headers = response.headers;
    this.body = init.body;
    this.requestId = requestId;
    this.apiMessage = init.message;
  }
}

/** 400 Bad Request. */
export class BadRequestError extends APIStatusError {}

/** 401 Unauthorized: the credentials are missing, wrong or expired. */
export class AuthenticationError extends APIStatusError {}

/** 403 Forbidden. */
export class PermissionDeniedError extends APIStatusError {}

/** 404 Not Found. */
export class NotFoundError extends APIStatusError {}

/** 409 Conflict; some APIs answer it while a resource is not ready yet. */
export class ConflictError extends APIStatusError {}

/** 422 Unprocessable Entity. */
export class UnprocessableEntityError extends APIStatusError {}

/** 429 Too Many Requests; `retryAfterMs` is the wait the server asked for, if it said. */
export class RateLimitError extends APIStatusError {
  readonly retryAfterMs: number | undefined;

  constructor(response: Response, init: { message: string; body: unknown; method?: string; path?: string }) {
    super(response, init);
    this.retryAfterMs = parseRetryAfter(response.headers);
  }
}

/** Any 5xx status. */
export class InternalServerError extends APIStatusError {}

/** The API answered with a success status but a body that does not match the spec. */
export class ResponseDecodeError extends APIError {
  readonly status: number;

  constructor(status: number, problem: string) {
    super(`cannot decode the ${status} response: ${problem}`);
    this.status = status;
  }
}

/** A success body read into memory was larger than the client's `maxBodySize`; it was not read whole. */
export class ResponseTooLargeError extends ResponseDecodeError {
  readonly limit: number;

  constructor(status: number, limit: number, declared?: number) {
    const size = declared !== undefined ? `${declared} bytes` : "more";
    super(status, `the body has ${size}, past the limit of ${limit} bytes (maxBodySize)`);
    this.limit = limit;
  }
}

/** An argument was refused before any request was sent. */
export class RequestValidationError extends APIError {
  readonly parameter: string;
  readonly problem: string;

  constructor(parameter: string, problem: string) {
    super(`invalid value for ${JSON.stringify(parameter)}: ${problem}`);
    this.parameter = parameter;
    this.problem = problem;
  }
}

/**
 * The operation needs credentials the client was not given. `alternatives` lists the
 * security scheme names that would do: any one group, with every scheme in that group.
 */
export class MissingCredentialsError extends APIError {
  readonly alternatives: readonly (readonly string[])[];

  constructor(alternatives: readonly (readonly string[])[], hints: Readonly<Record<string, string>> = {}) {
    const options = alternatives.map((group) =>
      group.map((name) => (Object.hasOwn(hints, name) ? `${name} (${hints[name]})` : name)).join(" and "),
    );
    const wanted = options.length === 1 ? options[0] : "one of: " + options.join(" | ");
    super(`this operation needs credentials, provide ${wanted}`);
    this.alternatives = alternatives;
  }
}

/** A download could not be completed; no partial file is left behind. */
export class DownloadError extends APIError {}

/** The bytes received are not the file the server stated: no file was left. */
export class ChecksumMismatchError extends DownloadError {
  readonly algorithm: string;
  readonly expected: string;
  readonly actual: string;

  constructor(name: string, algorithm: string, expected: string, actual: string) {
    super(`download of ${name} is corrupt: its ${algorithm} is ${actual}, the server stated ${expected}`);
    this.algorithm = algorithm;
    this.expected = expected;
    this.actual = actual;
  }
}

/** A presigned link expired (or is about to) before it could be fetched. */
export class LinkExpiredError extends DownloadError {
  readonly expiredAt: Date;

  constructor(expiredAt: Date) {
    super(`the download link expired at ${expiredAt.toISOString()}; request a new one`);
    this.expiredAt = expiredAt;
  }
}

/** An asynchronous job ended in a failure state; `body` is the last status the API returned. */
export class JobFailedError extends APIError {
  readonly jobId: string;
  readonly status: string;
  readonly body: unknown;

  constructor(jobId: string, status: string, body: unknown) {
    super(`job ${jobId} failed with status ${JSON.stringify(status)}`);
    this.jobId = jobId;
    this.status = status;
    this.body = body;
  }
}

/** An asynchronous job was still running when the wait timed out; it may still finish later. */
export class JobTimeoutError extends APIError {
  readonly jobId: string;
  readonly status: string;
  readonly timeoutMs: number;

  constructor(jobId: string, status: string, timeoutMs: number) {
    super(`job ${jobId} still ${JSON.stringify(status)} after ${timeoutMs} ms`);
    this.jobId = jobId;
    this.status = status;
    this.timeoutMs = timeoutMs;
  }
}

/** A resource still answered "not ready" when the wait timed out; the last answer is the `cause`. */
export class NotReadyTimeoutError extends APIError {
  readonly timeoutMs: number;

  constructor(timeoutMs: number, cause: unknown) {
    super(`still not ready after ${timeoutMs} ms`, { cause });
    this.timeoutMs = timeoutMs;
  }
}

/** A download target exists and overwriting was not asked for. */
export class FileExistsError extends Error {
  readonly code = "EEXIST";
  readonly path: string;

  constructor(path: string) {
    super(`refusing to overwrite ${path} (pass overwrite: true)`);
    this.name = "FileExistsError";
    this.path = path;
  }
}

type StatusErrorClass = new (
  response: Response,
  init: { message: string; body: unknown; method?: string; path?: string },
) => APIStatusError;

const STATUS_CLASSES: Readonly<Record<number, StatusErrorClass>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The error for an unsuccessful `response`, whose (possibly truncated) body text is `text`. */
export function statusError(response: Response, text: string, method?: string, path?: string): APIStatusError {
  const code = response.status;
  const errorClass = STATUS_CLASSES[code] ?? (code >= 500 ? InternalServerError : APIStatusError);
  const body = parseJson(text);
  const message = messageFromJson(body, 0) ?? messageFromText(response, text) ?? reason(response);
  return new errorClass(response, { message: shorten(message), body, method, path });
}

function parseJson(text: string): unknown {
  if (!text.trim() || jsonTooDeep(text)) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function messageFromJson(body: unknown, depth: number): string | undefined {
  if (depth > 8) return undefined;
  if (typeof body === "string") return body.trim() || undefined;
  if (Array.isArray(body)) {
    for (const item of body.slice(0, 5)) {
      const found = messageFromJson(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (body !== null && typeof body === "object") {
    for (const key of MESSAGE_KEYS) {
      if (Object.hasOwn(body, key)) {
        const found = messageFromJson((body as Record<string, unknown>)[key], depth + 1);
        if (found) return found;
      }
    }
  }
  return undefined;
}

function messageFromText(response: Response, text: string): string | undefined {
  const xml = XML_MESSAGE.exec(text);
  if (xml) return xml[1]?.trim() || undefined;
  if ((response.headers.get("content-type") ?? "").startsWith("text/plain") && text.length <= MESSAGE_LIMIT) {
    return text.trim() || undefined;
  }
  return undefined;
}

function shorten(message: string): string {
  const flat = message.split(/\s+/).filter(Boolean).join(" ");
  return flat.length <= MESSAGE_LIMIT ? flat : flat.slice(0, MESSAGE_LIMIT - 1) + "…";
}

function reason(response: Response): string {
  return response.statusText || `HTTP ${response.status}`;
}

function requestIdOf(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

function describe(response: Response, message: string, requestId?: string, method?: string, path?: string): string {
  let text = `${response.status} ${reason(response)}`;
  if (message !== reason(response)) text += `: ${message}`;
  if (method && path) text = `${method} ${path} -> ${text}`;
  if (requestId) text += ` (request id ${requestId})`;
  return text;
}
