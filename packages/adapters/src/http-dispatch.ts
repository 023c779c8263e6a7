// Routes one platform-neutral HTTP request to the app's function, exactly as suite-host and Azure route it.
import { randomUUID } from 'node:crypto';
import { format } from 'node:util';
import { HttpRequest, HttpResponse, InvocationContext } from '@azure/functions';
import type { Cookie, HttpResponseInit } from '@azure/functions';
import {
  getTriggerBinding,
  matchHttpRoute,
  REQUEST_ID_HEADER,
  requestIdFrom,
  routerProblem,
  runHooks,
  type RegisteredFunction,
} from '@suite/host/embed';
import type { FunctionApp } from './function-app.ts';

/** A request as every adapter hands it over: absolute URL, flat headers, the whole body (platforms buffer it). */
export interface AdapterRequest {
  method: string;
  /** Absolute URL with the query string, e.g. `https://abc.lambda-url.eu-west-1.on.aws/api/health?x=1`. */
  url: string;
  /** Header names in lower case; repeated headers joined with `, ` (cookies with `; `). */
  headers: Record<string, string>;
  body?: Uint8Array;
}

/** The function's answer, ready for a platform's response shape: the body stays a stream until it is written. */
export interface AdapterResponse {
  status: number;
  /** Response headers except `set-cookie`, each once (a repeated header joined with `, `). */
  headers: Record<string, string>;
  /** `set-cookie` values, one per cookie. */
  cookies: string[];
  body: ReadableStream<Uint8Array> | null;
  /** The function that answered (undefined for a 404 / 405 of the router). */
  functionName?: string;
}

const encoder = new TextEncoder();

/** A problem+json answer: the router's 404 / 405 (shaped by suite-host's routerProblem) or a crash's 500. */
function problemResponse(status: number, headers: Record<string, string>, body: string) {
  return { status, headers, cookies: [], body: new Response(body).body } satisfies AdapterResponse;
}

/** A function that threw instead of answering: a 500 worded as suite-host words it. */
function crashProblem(detail: string) {
  const body = JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail });
  return problemResponse(
    500,
    { 'content-type': 'application/problem+json', 'x-content-type-options': 'nosniff' },
    body,
  );
}

function serializeCookie(cookie: Cookie): string {
  const parts = [`${cookie.name}=${cookie.value}`];
  if (cookie.domain) parts.push(`Domain=${cookie.domain}`);
  if (cookie.path) parts.push(`Path=${cookie.path}`);
  if (cookie.expires !== undefined) parts.push(`Expires=${new Date(cookie.expires).toUTCString()}`);
  if (cookie.maxAge !== undefined) parts.push(`Max-Age=${cookie.maxAge}`);
  if (cookie.secure) parts.push('Secure');
  if (cookie.httpOnly) parts.push('HttpOnly');
  if (cookie.sameSite) parts.push(`SameSite=${cookie.sameSite}`);
  return parts.join('; ');
}

/** Runs one HTTP function the way the worker does: preInvocation hooks, the handler, postInvocation hooks. */
async function invoke(
  app: FunctionApp,
  fn: RegisteredFunction,
  request: HttpRequest,
  invocationId: string,
): Promise<unknown> {
  const { registry } = app;
  const trigger = getTriggerBinding(fn);
  const context = new InvocationContext({
    invocationId,
    functionName: fn.name,
    logHandler: (level, ...args) => registry.log(level, 'user', `[${fn.name}] ${format(...args)}`),
    options: { trigger: { ...trigger.options, name: trigger.name, type: String(trigger.options.type) } },
  });
  const hookData: Record<string, unknown> = {};
  const pre = {
    hookData,
    appHookData: registry.appHookData,
    invocationContext: context,
    functionCallback: fn.callback,
    inputs: [request] as unknown[],
  };
  await runHooks(registry, 'preInvocation', pre);
  const post = { ...pre, result: null as unknown, error: null as unknown };
  try {
    post.result = await pre.functionCallback(...pre.inputs, context);
  } catch (error) {
    post.error = error;
  }
  await runHooks(registry, 'postInvocation', post);
  if (post.error !== null && post.error !== undefined) throw post.error;
  return post.result;
}

/** The handler's return value as a response; nothing returned is a 204, as on suite-host. */
function toAdapterResponse(result: unknown, functionName: string): AdapterResponse {
  if (result === null || result === undefined) {
    return { status: 204, headers: {}, cookies: [], body: null, functionName };
  }
  // A response built by the app's own copy of the library passes through `new HttpResponse` unchanged in meaning.
  const response = result instanceof HttpResponse ? result : new HttpResponse(result as HttpResponseInit);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie') headers[key] = value;
  });
  const cookies = [...response.headers.getSetCookie(), ...response.cookies.map(serializeCookie)];
  return { status: response.status, headers, cookies, body: response.body, functionName };
}

/**
 * Serves one request with the app's HTTP functions: host.json's route prefix, ASP.NET route templates (most
 * specific first), 405 with `allow` for a known route and another method, problem+json 404 / 500 as suite-host.
 * @example const res = await dispatchHttp(app, { method: 'GET', url: 'https://x/api/health', headers: {} });
 */
export async function dispatchHttp(app: FunctionApp, req: AdapterRequest): Promise<AdapterResponse> {
  const url = new URL(req.url);
  const path = url.pathname;
  const method = req.method.toUpperCase();
  const match = matchHttpRoute(app.routes, app.routePrefix, method, path);
  if (!match.fn) {
    const problem = routerProblem(
      match.status,
      match.detail,
      path,
      requestIdFrom(req.headers[REQUEST_ID_HEADER]),
      match.headers,
    );
    return problemResponse(problem.status, problem.headers, problem.body);
  }
  const { fn, params } = match;
  const request = new HttpRequest({
    method,
    url: url.href,
    headers: req.headers,
    query: Object.fromEntries(url.searchParams),
    params,
    body: req.body && req.body.byteLength > 0 ? { bytes: req.body } : undefined,
  });
  const invocationId = randomUUID();
  try {
    return toAdapterResponse(await invoke(app, fn, request, invocationId), fn.name);
  } catch (error) {
    app.registry.log(
      'error',
      'system',
      `[${fn.name}] failed: ${error instanceof Error ? error.stack : error}`,
    );
    const detail = error instanceof Error ? error.message : String(error);
    return { ...crashProblem(detail), functionName: fn.name };
  }
}

/** Reads a response body to the end (platforms whose response is one buffer: API Gateway, FC, Function URLs). */
export async function readBody(body: ReadableStream<Uint8Array> | null): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
  return Buffer.concat(chunks);
}

const TEXTUAL = /^(text\/|application\/(?:[\w.+-]*\+)?(?:json|xml|javascript|x-www-form-urlencoded)\b)/i;

/** Whether a platform that carries bodies as JSON strings can send this content type as text (else base64). */
export function isTextual(contentType: string | undefined): boolean {
  return contentType !== undefined && TEXTUAL.test(contentType.trim());
}
