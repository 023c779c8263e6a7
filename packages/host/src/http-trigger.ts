// Serves one HTTP request with an HTTP-triggered function, streaming through the library's proxy like the real host.
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CoreRegistry, RegisteredFunction, RpcHttpData, RpcTypedData } from './core-api.ts';
import { prepareEarlyReply } from './early-reply.ts';
import { withoutHopByHop } from './hop-by-hop.ts';
import { createInvocationRequest, getTriggerBinding, runInvocation } from './run-invocation.ts';

/** What serving one request needs: the function, its route parameters and, with streaming on, the proxy URL. */
export interface HttpTriggerCall {
  registry: CoreRegistry;
  fn: RegisteredFunction;
  params: Record<string, string>;
  req: IncomingMessage;
  res: ServerResponse;
  /** `HttpUri` from the programming model's capabilities; set when the app called `app.setup({ enableHttpStream: true })`. */
  proxyUrl: string | undefined;
  /** Called once the invocation failed, so the host can log it. */
  onError(error: unknown): void;
  /** Called with the invocation's id as soon as it has one (the host's log line names it). */
  onInvocation?(invocationId: string): void;
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Answers a failed invocation: a problem+json 500, or cutting the stream when headers already left. */
export function sendInvocationError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy(error instanceof Error ? error : undefined);
    return;
  }
  const detail = error instanceof Error ? error.message : String(error);
  res.writeHead(500, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail }));
}

/**
 * The trigger metadata the host sends with an HTTP invocation. With streaming on, the library rebuilds
 * the request headers and route parameters from it (see createStreamRequest in @azure/functions).
 */
function httpTriggerMetadata(url: URL, headers: Record<string, string>, params: Record<string, string>) {
  const metadata: Record<string, RpcTypedData> = {
    Headers: { json: JSON.stringify(headers) },
    Query: { json: JSON.stringify(Object.fromEntries(url.searchParams)) },
  };
  for (const [key, value] of Object.entries(params)) metadata[key] = { string: value };
  return metadata;
}

/** Streaming mode: the request goes to the library's proxy server, whose response is piped back chunk by chunk. */
async function serveStreaming(
  call: HttpTriggerCall,
  url: URL,
  headers: Record<string, string>,
): Promise<void> {
  const { registry, fn, params, req, res } = call;
  const trigger = getTriggerBinding(fn);
  const request = createInvocationRequest(fn, {
    inputData: [{ name: trigger.name, data: { http: {} } }],
    // The library builds the handler's request from these headers and the proxy's body: the forwarded request.
    triggerMetadata: httpTriggerMetadata(url, withoutHopByHop(headers), params),
  });
  call.onInvocation?.(request.invocationId);
  const proxyReq = http.request(new URL(req.url ?? '/', call.proxyUrl), {
    method: req.method,
    // A connection of its own per request, never a pooled one: the proxy (Node's http.Server, 5 s keep-alive)
    // closes an idle connection when its timer fires, and timers run before sockets are read, so after the event
    // loop was busy (a training epoch) it reset a pooled connection the host had just sent a request on, and the
    // request answered 500 (GET /api/jobs/{id}/events right after POST /api/train on a fresh app).
    agent: false,
    headers: {
      ...withoutHopByHop(req.headers),
      // This hop's own: kept open for the proxy, so an early reply (401, 413) does not cut an upload still being
      // sent; the host closes it once the response has ended.
      connection: 'keep-alive',
      // Node re-frames the body it parsed: one the client sent chunked goes chunked (else a DELETE's would go
      // unframed), one of a known length keeps its Content-Length.
      ...(req.headers['transfer-encoding'] === undefined ? {} : { 'transfer-encoding': 'chunked' }),
      'x-ms-invocation-id': request.invocationId,
      'x-forwarded-host': req.headers.host ?? url.host,
      'x-forwarded-proto': 'http',
    },
  });
  proxyReq.on('response', (proxyRes) => {
    // The proxy's framing and keep-alive are its connection's, not the client's: the host's server sets its own.
    const outHeaders = withoutHopByHop(proxyRes.headers);
    delete outHeaders['x-ms-invocation-id'];
    prepareEarlyReply(req, res, proxyReq, outHeaders);
    res.writeHead(proxyRes.statusCode ?? 200, outHeaders);
    // Server-sent events must reach the client as they are written: headers go out now, and pipe() writes each
    // chunk as it arrives (no buffering) while honouring a slow client's backpressure.
    res.flushHeaders();
    proxyRes.pipe(res);
    proxyRes.on('error', (error) => res.destroy(error));
  });
  proxyReq.on('error', (error) => {
    if (!res.writableEnded) sendInvocationError(res, error);
  });
  res.on('close', () => {
    if (!res.writableFinished) proxyReq.destroy();
  });
  req.pipe(proxyReq);

  let noResponse = false;
  try {
    await runInvocation(registry, fn, request, (result, error) => {
      noResponse = (error === null || error === undefined) && (result === null || result === undefined);
    });
  } catch (error) {
    proxyReq.destroy();
    call.onError(error);
    sendInvocationError(res, error);
    return;
  }
  if (noResponse && !res.headersSent) {
    // A handler that returns nothing sends nothing through the proxy; answer for it.
    proxyReq.destroy();
    res.writeHead(204).end();
  }
}

function serializeCookie(cookie: Record<string, unknown>): string {
  const unwrap = (v: unknown): unknown =>
    v && typeof v === 'object' && 'value' in v ? (v as { value: unknown }).value : v;
  const parts = [`${String(cookie.name)}=${String(cookie.value)}`];
  const domain = unwrap(cookie.domain);
  const path = unwrap(cookie.path);
  const expires = unwrap(cookie.expires);
  const maxAge = unwrap(cookie.maxAge);
  if (domain) parts.push(`Domain=${String(domain)}`);
  if (path) parts.push(`Path=${String(path)}`);
  if (expires) {
    // The library sends a protobuf Timestamp ({ seconds, nanos }).
    const seconds = (expires as { seconds?: number | string }).seconds;
    const date = seconds !== undefined ? new Date(Number(seconds) * 1000) : new Date(String(expires));
    parts.push(`Expires=${date.toUTCString()}`);
  }
  if (maxAge !== undefined && maxAge !== null) parts.push(`Max-Age=${String(maxAge)}`);
  if (unwrap(cookie.secure)) parts.push('Secure');
  if (unwrap(cookie.httpOnly)) parts.push('HttpOnly');
  const sameSite = String(cookie.sameSite ?? 'none');
  if (sameSite !== 'none')
    parts.push(
      `SameSite=${sameSite === 'explicitNone' ? 'None' : sameSite[0]!.toUpperCase() + sameSite.slice(1)}`,
    );
  return parts.join('; ');
}

/** RPC mode (streaming off): the body is buffered into the invocation request and the response comes back as data. */
async function serveBuffered(
  call: HttpTriggerCall,
  url: URL,
  headers: Record<string, string>,
): Promise<void> {
  const { registry, fn, params, req, res } = call;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const trigger = getTriggerBinding(fn);
  const httpData: RpcHttpData = {
    method: req.method ?? 'GET',
    url: url.href,
    headers,
    query: Object.fromEntries(url.searchParams),
    params,
    body: body.length > 0 ? { bytes: body } : null,
  };
  const request = createInvocationRequest(fn, {
    inputData: [{ name: trigger.name, data: { http: httpData } }],
    triggerMetadata: httpTriggerMetadata(url, headers, params),
  });
  call.onInvocation?.(request.invocationId);
  let outcome;
  try {
    outcome = await runInvocation(registry, fn, request);
  } catch (error) {
    call.onError(error);
    sendInvocationError(res, error);
    return;
  }
  const answer = outcome.response.returnValue?.http;
  if (!answer) {
    res.writeHead(204).end();
    return;
  }
  const cookies = (answer.cookies ?? []).map(serializeCookie);
  res.writeHead(Number(answer.statusCode ?? 200), {
    ...(answer.headers ?? {}),
    ...(cookies.length > 0 ? { 'set-cookie': cookies } : {}),
  });
  const data = answer.body;
  res.end(data?.bytes ? Buffer.from(data.bytes) : (data?.string ?? undefined));
}

/** Serves `req` with the function in `call`, in streaming or buffered mode as the app chose. */
export async function serveHttpTrigger(call: HttpTriggerCall): Promise<void> {
  const url = new URL(call.req.url ?? '/', `http://${call.req.headers.host ?? 'localhost'}`);
  const headers = flatHeaders(call.req);
  if (call.proxyUrl) await serveStreaming(call, url, headers);
  else await serveBuffered(call, url, headers);
}
