// The thin-handler helper: request id, admin guard, capped body, zod-validated input, errors as problem+json.
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { ValidationError, type FieldIssue } from '../errors/index.ts';
import { ensureAdmin } from './admin-key.ts';
import { admitApiKey, type Caller } from './api-key-guard.ts';
import { logRequest } from './request-log.ts';
import { ensureSameOrigin } from './same-origin-guard.ts';
import { ensureTelemetry } from '../telemetry/start-telemetry.ts';
import { toFieldIssues, describeIssues, toProblem } from './problem.ts';
import { DEFAULT_MAX_BODY_BYTES, readBodyText, readJsonBody } from './read-body.ts';
import { parseContentType } from './json-media-type.ts';
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from '../db/storable-text.ts';

/** The header carrying the request id, read from the caller when sensible and always echoed back. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** On every answer: a browser takes the Content-Type as meant and never sniffs JSON or a problem into HTML or script. */
const NOSNIFF_HEADER = 'x-content-type-options';

/** What a handler accepts. Every schema is zod; a failed check answers 400 naming each field. */
export interface HandlerSpec<B, Q, P> {
  /** Schema of the body. With `bodyType: 'json'` (the default) it checks the parsed JSON; with 'text', the string. */
  body?: z.ZodType<B>;
  /** Schema of the query string as an object of strings (repeated keys give arrays): use `z.coerce` for numbers. Issue paths read `query.<name>`. */
  query?: z.ZodType<Q>;
  /** Schema of the route parameters (strings). Issue paths read `params.<name>`. */
  params?: z.ZodType<P>;
  /** How to read the body: 'json' (default when `body` is given) or 'text' (e.g. CSV). Without both, the body is not read. */
  bodyType?: 'json' | 'text';
  /** Largest body accepted, in bytes; default 1 MiB. Larger bodies answer 413. */
  maxBodyBytes?: number;
  /** Deepest nesting of a JSON body accepted; default 64. Deeper bodies answer 400 before they are parsed. */
  maxJsonDepth?: number;
  /** Require the `x-admin-key` header to match ADMIN_KEY (401 when wrong, 403 when ADMIN_KEY is unset). */
  admin?: boolean;
  /** Serve without an API key even when API_KEYS=on (health probes). Admin endpoints never need one. */
  public?: boolean;
  /**
   * A write to shared data (ingest): with API_KEYS=on a client key (or the admin key) as usual; with API_KEYS=off,
   * the admin key, so no anonymous caller ever writes shared data. Ignored with `admin` or `public`.
   */
  write?: boolean;
}

/** The validated input a handler function receives. */
export interface HandlerInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  request: HttpRequest;
  context: InvocationContext;
  /** Echoed in the `x-request-id` response header and in problem bodies. */
  requestId: string;
  /** Who is calling: an API-key client (with API_KEYS=on), an admin, or anyone (`open`). */
  caller: Caller;
}

/** An Azure Functions v4 HTTP handler. */
/** The spec each handler was defined with (read by the OpenAPI document). */
export const HANDLER_SPECS = new WeakMap<HttpHandler, HandlerSpec<unknown, unknown, unknown>>();

export type HttpHandler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

function requestIdOf(request: HttpRequest): string {
  const given = request.headers.get(REQUEST_ID_HEADER);
  // Only ids that are safe to echo into headers and logs are kept.
  return given !== null && /^[\w.:@/+=-]{1,128}$/.test(given) ? given : randomUUID();
}

function queryObject(request: HttpRequest): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(request.query.keys())) {
    const all = request.query.getAll(key);
    out[key] = all.length === 1 ? (all[0] as string) : all;
  }
  return out;
}

function pathOf(request: HttpRequest): string | undefined {
  try {
    return new URL(request.url).pathname;
  } catch {
    return undefined;
  }
}

function withHeaders(response: HttpResponseInit, added: Record<string, string>): HttpResponseInit {
  const headers = response.headers;
  if (headers === undefined) return { ...response, headers: added };
  if (headers instanceof Headers || Array.isArray(headers)) {
    const merged = new Headers(headers as ConstructorParameters<typeof Headers>[0]);
    for (const [name, value] of Object.entries(added)) merged.set(name, value);
    return { ...response, headers: merged };
  }
  return { ...response, headers: { ...(headers as Record<string, string>), ...added } };
}

/** Check `value` with `schema`, collecting every issue under `prefix` into `issues`. */
function check<T>(
  schema: z.ZodType<T>,
  value: unknown,
  prefix: string,
  issues: FieldIssue[],
  root = prefix,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  issues.push(...toFieldIssues(result.error.issues, prefix, root));
  return undefined as T;
}

/**
 * Wrap a handler function so it receives validated, typed input and every failure becomes problem+json.
 * The order is: a browser's cross-origin write refused (403, see {@link ensureSameOrigin}), admin key (or, with API_KEYS=on, the client's API key and its limits), route params and query, then the body (size cap, JSON, schema); the issues of
 * params, query and body are reported together in one 400. Text PostgreSQL cannot store (NUL, unpaired
 * surrogates) anywhere in the input is one of those issues, so no handler meets it as a database error.
 *
 * @example
 * export const getRecommendations = defineHandler(
 *   { params: z.object({ id: z.string().min(1) }), query: z.object({ k: z.coerce.number().int().min(1).max(100).default(10) }) },
 *   async ({ params, query }) => json(await recommend(params.id, query.k)),
 * );
 * app.http('getRecommendations', { route: 'users/{id}/recommendations', methods: ['GET'], handler: getRecommendations });
 */
export function defineHandler<B = undefined, Q = undefined, P = undefined>(
  spec: HandlerSpec<B, Q, P>,
  fn: (input: HandlerInput<B, Q, P>) => Promise<HttpResponseInit> | HttpResponseInit,
): HttpHandler {
  const maxBytes = spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const bodyType = spec.bodyType ?? (spec.body !== undefined ? 'json' : undefined);
  const handler: HttpHandler = async (request, context) => {
    const startedAt = performance.now();
    // Not awaited: the first request must not wait for the SDK; without a connection string this is a no-op.
    void ensureTelemetry();
    const requestId = requestIdOf(request);
    let client: string | undefined;
    const finish = (response: HttpResponseInit): HttpResponseInit => {
      logRequest(context, request, response, { path: pathOf(request), startedAt, requestId, client });
      return withHeaders(response, { [REQUEST_ID_HEADER]: requestId, [NOSNIFF_HEADER]: 'nosniff' });
    };
    try {
      // First: a page of another origin gets no further, whatever it sent (a form type is read as JSON for curl -d).
      ensureSameOrigin(request);
      if (spec.admin) ensureAdmin(request);
      const caller: Caller = spec.admin
        ? { kind: 'admin' }
        : spec.public
          ? { kind: 'open' }
          : await admitApiKey(request, { write: spec.write === true });
      if (caller.kind === 'client') client = caller.keyId;
      else if (caller.kind === 'admin') client = 'admin';
      const issues: FieldIssue[] = [];
      const rawParams = { ...request.params };
      const rawQuery = queryObject(request);
      for (const [prefix, values] of [
        ['params', rawParams],
        ['query', rawQuery],
      ] as const) {
        const found = findUnstorableText(values);
        if (found !== undefined)
          issues.push({ path: `${prefix}.${found}`, message: UNSTORABLE_TEXT_MESSAGE });
      }
      const params = spec.params ? check(spec.params, rawParams, 'params', issues) : (undefined as P);
      const query = spec.query ? check(spec.query, rawQuery, 'query', issues) : (undefined as Q);
      let body = undefined as B;
      if (bodyType !== undefined) {
        let raw: unknown;
        try {
          // JSON is UTF-8 or UTF-16 (else a 415); a text body is decoded as its charset says (a latin-1 CSV as it is).
          raw =
            bodyType === 'json'
              ? await readJsonBody(request, maxBytes, spec.maxJsonDepth)
              : await readBodyText(
                  request,
                  maxBytes,
                  parseContentType(request.headers.get('content-type'))?.charset,
                );
        } catch (error) {
          // An unreadable body (bad JSON or UTF-8) joins the params/query issues; alone it keeps its own wording.
          if (!(error instanceof ValidationError) || issues.length === 0) throw error;
          issues.push(...error.issues);
          throw new ValidationError(describeIssues(issues), issues);
        }
        const unstorable = findUnstorableText(raw);
        if (unstorable !== undefined) {
          issues.push({ path: unstorable === '' ? 'body' : unstorable, message: UNSTORABLE_TEXT_MESSAGE });
        } else if (spec.body === undefined) body = raw as B;
        else if (raw === undefined && !spec.body.safeParse(undefined).success) {
          issues.push({ path: 'body', message: 'a JSON body is required' });
        } else body = check(spec.body, raw, '', issues, 'body');
      }
      if (issues.length > 0) throw new ValidationError(describeIssues(issues), issues);
      const response = await fn({ body, query, params, request, context, requestId, caller });
      return finish(response);
    } catch (error) {
      return finish(toProblem(error, context, pathOf(request), requestId));
    }
  };
  // Kept on the handler so /api/openapi.json describes exactly what it validates.
  HANDLER_SPECS.set(handler, spec as HandlerSpec<unknown, unknown, unknown>);
  return handler;
}
