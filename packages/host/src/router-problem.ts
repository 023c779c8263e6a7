// The router's own problem+json answers (no function serves the path, or not with that method; on suite-host, a Host
// it does not serve), shaped as the apps' problems are (@suite/shared's toProblem): RFC 9457 fields, `code`,
// `instance` and the request id.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';

/** The header carrying the request id, read from the caller when sensible and always echoed back. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** The `code` of each answer the router gives itself. */
const ROUTER_CODES = { 403: 'host_not_allowed', 404: 'not_found', 405: 'method_not_allowed' } as const;

/**
 * The caller's `x-request-id` when it is safe to echo into headers and logs (the rule of @suite/shared's
 * defineHandler), else a new UUID.
 * @example requestIdFrom(req.headers['x-request-id'])
 */
export function requestIdFrom(given: string | string[] | null | undefined): string {
  const value = Array.isArray(given) ? given[0] : given;
  return typeof value === 'string' && /^[\w.:@/+=-]{1,128}$/.test(value) ? value : randomUUID();
}

/** A router answer, ready for a platform to write. */
export interface RouterProblem {
  status: keyof typeof ROUTER_CODES;
  headers: Record<string, string>;
  body: string;
}

/**
 * A 404 or 405 of the router (or suite-host's 403 to a Host it does not serve): the same body an app's own problem
 * has, so a client reads `code` and quotes `requestId` whichever answered, and the id is echoed in `x-request-id` as
 * the apps echo it; `members` adds fields to the body.
 * @example const problem = routerProblem(405, 'DELETE is not allowed on /api/health', '/api/health', id, { allow: 'GET' });
 */
export function routerProblem(
  status: keyof typeof ROUTER_CODES,
  detail: string,
  instance: string,
  requestId: string,
  headers: Record<string, string> = {},
  members: Record<string, string> = {},
): RouterProblem {
  const code = ROUTER_CODES[status];
  const body = {
    type: `urn:suite:problem:${code}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    instance,
    code,
    requestId,
    ...members,
  };
  return {
    status,
    headers: {
      'content-type': 'application/problem+json',
      'x-content-type-options': 'nosniff',
      ...headers,
      [REQUEST_ID_HEADER]: requestId,
    },
    body: JSON.stringify(body),
  };
}
