// Turns any thrown value into an RFC 9457 application/problem+json response with the right status.
import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import { STATUS_CODES } from 'node:http';
import {
  DependencyError,
  SuiteError,
  TooManyRequestsError,
  UnsupportedMediaTypeError,
  type FieldIssue,
} from '../errors/suite-errors.ts';

/** The problem+json body every error response carries (RFC 9457) plus the suite's `code` and `requestId`. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  requestId?: string;
  [extra: string]: unknown;
}

const RESERVED = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'requestId']);

/**
 * A JSON response.
 *
 * @example
 * return json({ items }, 200, { 'cache-control': 'no-store' });
 */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): HttpResponseInit {
  return {
    status,
    jsonBody: body,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  };
}

/** zod's error, recognised by shape so both `zod` and `zod/v4/core` instances count. */
function isZodError(error: unknown): error is { issues: Array<{ path: PropertyKey[]; message: string }> } {
  return (
    error instanceof Error &&
    (error.name === 'ZodError' || error.name === '$ZodError') &&
    Array.isArray((error as { issues?: unknown }).issues)
  );
}

/**
 * zod issues as `{path, message}`: dotted paths under an optional prefix (`query.k`); an issue about the
 * value as a whole is reported at `root` (default: the prefix, or `(root)`).
 */
export function toFieldIssues(
  issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>,
  prefix = '',
  root = prefix || '(root)',
): FieldIssue[] {
  return issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.');
    return { path: path === '' ? root : path, message: issue.message };
  });
}

function describeIssues(issues: FieldIssue[]): string {
  const shown = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`);
  return `Invalid request: ${shown.join('; ')}${issues.length > 3 ? `; and ${issues.length - 3} more` : ''}`;
}

function logFailure(
  context: InvocationContext | undefined,
  level: 'warn' | 'error',
  message: string,
  error: unknown,
) {
  if (context) context[level](message, error);
  else console[level](message, error);
}

/**
 * Map any thrown value to an `application/problem+json` response:
 * a {@link SuiteError} answers with its own status, code and details (a {@link DependencyError} is a 503 with
 * `Retry-After`; other 5xx keep only status and code, their message and details going to the log); a zod error is a 400 listing each field; anything else is a 500 whose detail stays generic
 * (no message or stack leaves the server) and which is logged once through `context.error`.
 * Because any escaping zod error is blamed on the request, check data the server produced itself (rows, model
 * files, an LLM's JSON) with `safeParse` and throw something else when it fails.
 *
 * @example
 * try { ... } catch (error) { return toProblem(error, context, '/api/chat'); }
 */
export function toProblem(
  error: unknown,
  context?: InvocationContext,
  instance?: string,
  requestId?: string,
): HttpResponseInit {
  let status = 500;
  let code = 'internal_error';
  let detail = 'An unexpected error occurred. It has been logged; quote the request id when reporting it.';
  let extra: Record<string, unknown> = {};
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };

  if (error instanceof SuiteError) {
    status = error.status;
    code = error.code;
    if (status >= 500 && !(error instanceof DependencyError)) {
      // Server-side faults (a bad configuration, say) keep their code but not their wording, nor their details
      // (file paths, checksums): those go to the log.
      logFailure(context, 'error', `${error.name}: ${error.message}`, error);
    } else {
      detail = error.message;
      extra = error.details ?? {};
    }
    if (error instanceof TooManyRequestsError) headers['retry-after'] = String(error.retryAfterSeconds);
    if (error instanceof UnsupportedMediaTypeError && error.acceptEncoding !== undefined)
      headers['accept-encoding'] = error.acceptEncoding;
    if (error instanceof DependencyError) {
      headers['retry-after'] = String(error.retryAfterSeconds);
      logFailure(context, 'warn', `Dependency unavailable: ${error.message}`, error);
    }
  } else if (isZodError(error)) {
    status = 400;
    code = 'invalid_request';
    const issues = toFieldIssues(error.issues);
    detail = describeIssues(issues);
    extra = { errors: issues };
  } else {
    logFailure(context, 'error', 'Unhandled error', error);
  }

  const body: ProblemBody = {
    type: `urn:suite:problem:${code}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    code,
  };
  if (instance !== undefined) body.instance = instance;
  const id = requestId ?? (context && context.invocationId !== 'unknown' ? context.invocationId : undefined);
  if (id !== undefined) body.requestId = id;
  for (const [key, value] of Object.entries(extra)) if (!RESERVED.has(key)) body[key] = value;
  return { status, jsonBody: body, headers };
}

/** The one-line summary of a list of field issues, as {@link toProblem} words it. */
export { describeIssues };
