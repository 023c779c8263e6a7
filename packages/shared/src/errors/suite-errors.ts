// The suite's one error family: every failure a handler can meet carries a code, an HTTP status and a cause.

/** Base error of the suite. `status` is the HTTP status a handler answers with; `code` is stable for clients. */
export class SuiteError extends Error {
  readonly code: string;
  readonly status: number;
  /** Extra members for the problem+json body (for example `errors` or `retryAfter`). */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    message: string,
    options: { code: string; status: number; cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.status = options.status;
    this.details = options.details;
  }
}

/** One invalid field of a request: `path` is dotted (`items.3.rating`), `message` says what is wrong. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** 400: the request is malformed or a field is invalid. */
export class ValidationError extends SuiteError {
  readonly issues: FieldIssue[];
  constructor(message: string, issues: FieldIssue[] = [], cause?: unknown) {
    super(message, { code: 'invalid_request', status: 400, cause, details: { errors: issues } });
    this.issues = issues;
  }
}

/** 401 / 403: the caller is not allowed (admin endpoints). */
export class UnauthorizedError extends SuiteError {
  constructor(message = 'This endpoint needs an admin key (x-admin-key header).', status: 401 | 403 = 401) {
    super(message, { code: status === 401 ? 'unauthorized' : 'forbidden', status });
  }
}

/**
 * 403: a browser sent a state-changing request on behalf of a page of another origin (cross-site request
 * forgery); `details` names the origin and the browser's `Sec-Fetch-Site`.
 */
export class CrossOriginRequestError extends SuiteError {
  constructor(message: string, details: { origin: string | null; secFetchSite: string | null }) {
    super(message, { code: 'cross_origin_request', status: 403, details });
  }
}

/** 404: the named thing does not exist. */
export class NotFoundError extends SuiteError {
  constructor(message: string) {
    super(message, { code: 'not_found', status: 404 });
  }
}

/** 409: a write lost an optimistic-concurrency race or collides with existing state. */
export class ConflictError extends SuiteError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, { code: 'conflict', status: 409, details });
  }
}

/** 413: the request body is larger than the handler accepts. */
export class PayloadTooLargeError extends SuiteError {
  constructor(limitBytes: number) {
    super(`The request body is larger than ${limitBytes} bytes.`, {
      code: 'payload_too_large',
      status: 413,
      details: { limitBytes },
    });
  }
}

/**
 * 415: the body is sent in a form the handler does not read (a media type, charset or content coding); `details`
 * names what was sent and what is accepted. `acceptEncoding` is the `Accept-Encoding` the answer carries when
 * the content coding was refused (RFC 9110, section 15.5.16).
 */
export class UnsupportedMediaTypeError extends SuiteError {
  readonly acceptEncoding: string | undefined;
  constructor(message: string, details: Record<string, unknown>, acceptEncoding?: string) {
    super(message, { code: 'unsupported_media_type', status: 415, details });
    this.acceptEncoding = acceptEncoding;
  }
}

/** 429: the caller's API key is over its rate limit or daily quota; retry after `retryAfterSeconds`. */
export class TooManyRequestsError extends SuiteError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number, details?: Record<string, unknown>) {
    super(message, {
      code: 'too_many_requests',
      status: 429,
      details: { ...details, retryAfter: retryAfterSeconds },
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** 503: a dependency (database, blob store, LLM) is down; the client may retry after `retryAfterSeconds`. */
export class DependencyError extends SuiteError {
  readonly retryAfterSeconds: number;
  constructor(message: string, options: { dependency: string; cause?: unknown; retryAfterSeconds?: number }) {
    const retryAfterSeconds = options.retryAfterSeconds ?? 5;
    super(message, {
      code: 'dependency_unavailable',
      status: 503,
      cause: options.cause,
      details: { dependency: options.dependency, retryAfter: retryAfterSeconds },
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Configuration error at start-up: names the variable and what it expects. */
export class ConfigError extends SuiteError {
  readonly variable: string;
  constructor(variable: string, expected: string, cause?: unknown) {
    super(`Environment variable ${variable} is invalid: ${expected}`, {
      code: 'config_invalid',
      status: 500,
      cause,
    });
    this.variable = variable;
  }
}
