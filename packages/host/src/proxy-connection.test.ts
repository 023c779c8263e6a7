// The host reaches the app's streaming proxy (an http.Server inside @azure/functions with Node's default 5 s
// keep-alive) over a fresh connection per request. A pooled connection could be closed by the proxy's keep-alive
// timer while the host's next request sat unread on it: the event loop busy (a training epoch) past that timer
// runs timers before reading sockets, the proxy reset the connection, and the host answered 500 (the chatbot
// console's GET /api/jobs/{id}/events right after POST /api/train on a fresh app).
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost } from './start-host.ts';
import type { RunningHost } from './start-host.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/fixture-app.ts', import.meta.url));
/** Node's default `server.keepAliveTimeout`, which the library's proxy server keeps. */
const PROXY_KEEP_ALIVE_MS = 5_000;

let host: RunningHost;
beforeAll(async () => {
  host = await startHost({ entry: FIXTURE, port: 0, hostname: '127.0.0.1', name: 'fixture', log: () => {} });
});
afterAll(async () => {
  await host?.close();
});

/**
 * GET `path` on a connection of its own, so only the host's connections to the proxy are in play, saying
 * `connection: keep-alive` as browsers do (the host passes the request's headers on to the proxy).
 */
function get(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${host.url}${path}`,
      { agent: false, headers: { connection: 'keep-alive' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
  });
}

/** Blocks the event loop, as a synchronous training epoch does. */
function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('the connection from the host to the streaming proxy', () => {
  it("serves a request the host sent just before the event loop stayed busy past the proxy's keep-alive", async () => {
    expect(await get('/api/state')).toBe(200);
    // Well within the keep-alive of both ends (a pooled connection would be reused)...
    await new Promise((resolve) => setTimeout(resolve, PROXY_KEEP_ALIVE_MS - 2_000));
    // ...then, once the host has written its request to the proxy (on the next tick), the loop stays busy until
    // past the proxy's deadline for a connection idle since the first request.
    const onRequest = (message: unknown) => {
      const { request } = message as { request: http.ClientRequest };
      if (request.getHeader('x-ms-invocation-id') === undefined) return; // not the host's request to the proxy
      setImmediate(() => busyFor(3_000));
    };
    subscribe('http.client.request.start', onRequest);
    try {
      expect(await get('/api/state')).toBe(200);
    } finally {
      unsubscribe('http.client.request.start', onRequest);
    }
  }, 20_000);
});
