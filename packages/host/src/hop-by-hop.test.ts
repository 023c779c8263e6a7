// The host stands between a client and the library's streaming proxy, so the fields RFC 9110 section 7.6.1 makes
// connection-specific (Connection and every field it names, Keep-Alive, Proxy-Connection, TE, Transfer-Encoding,
// Upgrade) go no further in either direction: each of the two connections is framed and kept by its own ends.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import http from 'node:http';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOP_BY_HOP_FIELDS } from './hop-by-hop.ts';
import { startHost } from './start-host.ts';
import type { RunningHost } from './start-host.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/fixture-app.ts', import.meta.url));

let host: RunningHost;
beforeAll(async () => {
  host = await startHost({ entry: FIXTURE, port: 0, hostname: '127.0.0.1', name: 'fixture', log: () => {} });
});
afterAll(async () => {
  await host?.close();
});

interface Seen {
  /** The headers of the host's request to the proxy. */
  toProxy: http.OutgoingHttpHeaders;
  /** What the client got back. */
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Sends `headers` and a chunked `body` to `path` on a connection of its own, noting the host's request to the proxy. */
function send(method: string, path: string, headers: Record<string, string>, body: string): Promise<Seen> {
  let toProxy: http.OutgoingHttpHeaders = {};
  const onRequest = (message: unknown) => {
    const { request } = message as { request: http.ClientRequest };
    if (request.getHeader('x-ms-invocation-id') !== undefined) toProxy = request.getHeaders();
  };
  subscribe('http.client.request.start', onRequest);
  return new Promise<Seen>((resolve, reject) => {
    const req = http.request(`${host.url}${path}`, { method, agent: false, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve({ toProxy, status: res.statusCode ?? 0, headers: res.headers, body: text }),
      );
    });
    req.on('error', reject);
    req.end(body);
  }).finally(() => unsubscribe('http.client.request.start', onRequest));
}

/** Everything the host sends back on a raw socket for `request`, until it closes the connection. */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(new URL(host.url).port as unknown as number, '127.0.0.1');
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no close after: ${text}`)));
    socket.write(request);
  });
}

const CLIENT_HOP_HEADERS = {
  connection: 'close, x-hop-secret',
  'x-hop-secret': 'for the first hop only',
  'keep-alive': 'timeout=99',
  'proxy-connection': 'keep-alive',
  te: 'trailers',
  upgrade: 'websocket',
  'transfer-encoding': 'chunked',
  'x-end-to-end': 'kept',
};

describe('hop-by-hop headers through the host', () => {
  it.each(['POST', 'DELETE'])(
    "reach neither the proxy nor the handler (%s), and the client's Connection: close is honoured",
    async (method) => {
      const seen = await send(method, '/api/headers', CLIENT_HOP_HEADERS, 'hello');
      expect(seen.status).toBe(200);
      const { headers: handlerSaw, bytes } = JSON.parse(seen.body) as {
        headers: Record<string, string>;
        bytes: number;
      };
      for (const name of [...HOP_BY_HOP_FIELDS, 'x-hop-secret']) {
        expect(handlerSaw, name).not.toHaveProperty(name);
        if (name !== 'connection' && name !== 'transfer-encoding')
          expect(seen.toProxy, name).not.toHaveProperty(name);
      }
      expect(handlerSaw['x-end-to-end']).toBe('kept');
      expect(seen.toProxy['x-end-to-end']).toBe('kept');
      // The host's own hop to the proxy: kept open (an early reply must not cut an upload), the body re-framed.
      expect(seen.toProxy.connection).toBe('keep-alive');
      expect(seen.toProxy['transfer-encoding']).toBe('chunked');
      expect(bytes).toBe(5);
      // The proxy's keep-alive is not the client's: the client asked to close, and is told so.
      expect(seen.headers.connection).toBe('close');
      expect(seen.headers['keep-alive']).toBeUndefined();
    },
  );

  it("frames a streamed answer for an HTTP/1.0 client by closing, not with the proxy hop's chunks", async () => {
    const answer = await raw('GET /api/hello/there HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n');
    const [head = '', body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 200/);
    expect(head).not.toMatch(/^transfer-encoding:/im);
    expect(head).not.toMatch(/^keep-alive:/im);
    expect(body).toBe('hello there');
  });

  it("keeps an HTTP/1.1 client's connection open for its next request", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const get = () =>
        new Promise<{ status: number; socket: unknown; connection?: string }>((resolve, reject) => {
          const req = http.get(`${host.url}/api/hello`, { agent }, (res) => {
            res.resume();
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                socket: req.socket,
                connection: res.headers.connection,
              }),
            );
          });
          req.on('error', reject);
        });
      const first = await get();
      const second = await get();
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(first.connection).toBe('keep-alive');
      expect(second.socket).toBe(first.socket);
    } finally {
      agent.destroy();
    }
  });
});
