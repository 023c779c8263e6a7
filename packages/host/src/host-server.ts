// The node:http front door: HTTP triggers on /<routePrefix>/<route>, and the admin API that runs other triggers.
import http from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { CoreRegistry, RegisteredFunction } from './core-api.ts';
import { sendInvocationError, serveHttpTrigger } from './http-trigger.ts';
import type { InvocationFields } from './invocation-log.ts';
import { closeIdleAfterReading } from './keep-alive-grace.ts';
import { compileHttpRoutes, matchHttpRoute } from './http-routes.ts';
import { getTriggerBinding } from './run-invocation.ts';
import { FUNCTIONS_KEY_HEADER, hasMasterKey } from './master-key.ts';
import { REQUEST_ID_HEADER, requestIdFrom, routerProblem, type RouterProblem } from './router-problem.ts';
import { hostRefusal, isAllowedHost } from './allowed-hosts.ts';

/** The host-side operations the server exposes on the admin API. */
export interface HostServerOptions {
  registry: CoreRegistry;
  /** `extensions.http.routePrefix` of host.json; `api` by default. */
  routePrefix: string;
  proxyUrl: string | undefined;
  /** The key every `/admin/*` request must carry in `x-functions-key` (or `?code=`), as on the real host. */
  masterKey: string;
  /** Host names served besides localhost and IP addresses (ALLOWED_HOSTS; see `isAllowedHost`). */
  allowedHosts: readonly string[];
  /** Runs a non-HTTP function with the admin API's `input`; resolves with the outcome, never rejects. */
  invoke(name: string, input: unknown): Promise<{ status: 'Succeeded' | 'Failed' }>;
  listFunctions(): unknown[];
  /** One line per HTTP invocation, written when the response has finished. */
  logInvocation(fn: RegisteredFunction, fields: InvocationFields): void;
}

function sendRouterProblem(res: ServerResponse, problem: RouterProblem): void {
  res.writeHead(problem.status, problem.headers);
  res.end(problem.body);
}

function sendJson(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type });
  res.end(JSON.stringify(body));
}

function sendProblem(
  res: ServerResponse,
  status: number,
  title: string,
  detail: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/problem+json', ...headers });
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  return text === '' ? {} : (JSON.parse(text) as unknown);
}

async function handleAdmin(
  options: HostServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  if (path === '/admin/host/status' && req.method === 'GET') {
    sendJson(res, 200, { state: 'Running', functions: options.registry.functions.size });
    return;
  }
  if (path === '/admin/functions' && req.method === 'GET') {
    sendJson(res, 200, options.listFunctions());
    return;
  }
  const match = /^\/admin\/functions\/([^/]+)$/.exec(path);
  if (!match || req.method !== 'POST') {
    sendProblem(res, 404, 'Not Found', `No admin endpoint ${req.method ?? ''} ${path}`);
    return;
  }
  const name = decodeURIComponent(match[1]!);
  const fn = [...options.registry.functions.values()].find(
    (f) => f.name.toLowerCase() === name.toLowerCase(),
  );
  if (!fn) {
    sendProblem(res, 404, 'Not Found', `No function named "${name}"`);
    return;
  }
  if (getTriggerBinding(fn).type === 'httptrigger') {
    sendProblem(res, 400, 'Bad Request', `Function "${fn.name}" is an HTTP trigger; call its route instead`);
    return;
  }
  let body: unknown;
  try {
    body = await readJson(req);
  } catch {
    sendProblem(res, 400, 'Bad Request', 'The body must be JSON: {"input": ...}');
    return;
  }
  const input =
    typeof body === 'object' && body !== null && 'input' in body
      ? (body as { input: unknown }).input
      : undefined;
  // Like the real admin API this answers 202; unlike it, it waits for the run so callers (and tests) see the outcome.
  sendJson(res, 202, await options.invoke(fn.name, input));
}

/**
 * What Node's parser refuses before any handler runs (oversized headers, a malformed request) answers as a problem
 * too, instead of Node's bare status line; the connection then closes, as Node's own answer does.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [status, title, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [
          431,
          'Request Header Fields Too Large',
          `The request's headers are larger than ${http.maxHeaderSize} bytes.`,
        ]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'The request did not arrive in time.']
        : [400, 'Bad Request', `The request is not valid HTTP (${error.code ?? 'parse error'}).`];
  const body = JSON.stringify({ type: 'about:blank', title, status, detail });
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nX-Content-Type-Options: nosniff\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Creates (but does not start) the server. Routes are compiled once: registrations are complete by then. */
export function createHostServer(options: HostServerOptions): Server {
  const routes = compileHttpRoutes(options.registry.functions.values());
  const prefix = options.routePrefix.replace(/^\/+|\/+$/g, '');
  const server = http.createServer((req, res) => {
    const started = performance.now();
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    // On every answer (writeHead keeps it): no browser reads a JSON body or a problem as HTML or script.
    res.setHeader('x-content-type-options', 'nosniff');
    if (!isAllowedHost(req.headers.host, options.allowedHosts)) {
      sendRouterProblem(
        res,
        hostRefusal(req.headers.host ?? '', path, requestIdFrom(req.headers[REQUEST_ID_HEADER])),
      );
      return;
    }
    const fail = (error: unknown) => {
      if (!res.writableEnded) sendInvocationError(res, error);
    };
    if (path === '/admin' || path.startsWith('/admin/')) {
      if (!hasMasterKey(req, new URL(req.url ?? '/', 'http://localhost'), options.masterKey)) {
        sendProblem(
          res,
          401,
          'Unauthorized',
          `The admin API needs the host's master key in the ${FUNCTIONS_KEY_HEADER} header (printed at start, or FUNCTIONS_MASTER_KEY).`,
        );
        return;
      }
      handleAdmin(options, req, res, path).catch(fail);
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const match = matchHttpRoute(routes, prefix, method, path);
    if (!match.fn) {
      sendRouterProblem(
        res,
        routerProblem(
          match.status,
          match.detail,
          path,
          requestIdFrom(req.headers[REQUEST_ID_HEADER]),
          match.headers,
        ),
      );
      return;
    }
    const { fn, params } = match;
    let failure: unknown;
    let invocationId: string | undefined;
    res.on('close', () => {
      options.logInvocation(fn, {
        invocationId,
        method,
        path,
        status: res.headersSent ? res.statusCode : undefined,
        outcome: failure !== undefined ? 'Failed' : res.headersSent ? 'Succeeded' : 'Aborted',
        durationMs: performance.now() - started,
        error: failure,
      });
    });
    serveHttpTrigger({
      registry: options.registry,
      fn,
      params,
      req,
      res,
      proxyUrl: options.proxyUrl,
      onError: (error) => {
        failure = error;
      },
      onInvocation: (id) => {
        invocationId = id;
      },
    }).catch(fail);
  });
  server.on('clientError', answerClientError);
  closeIdleAfterReading(server);
  return server;
}
