import http from 'node:http';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAIN_LIMIT_BYTES } from './early-reply.ts';
import { startHost } from './start-host.ts';
import type { RunningHost } from './start-host.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/fixture-app.ts', import.meta.url));

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  socket: Socket;
}

let host: RunningHost;
beforeAll(async () => {
  host = await startHost({ entry: FIXTURE, port: 0, hostname: '127.0.0.1', name: 'fixture', log: () => {} });
});
afterAll(async () => {
  await host?.close();
});

/** One request on `agent`; `send` bytes of body go out, however many `declared` announces. */
function request(agent: http.Agent, path: string, send = 0, declared = send): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${host.url}${path}`, {
      agent,
      method: send > 0 ? 'POST' : 'GET',
      headers: send > 0 ? { 'content-length': String(declared) } : {},
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          socket: req.socket as Socket,
        }),
      );
    });
    // A body cut short by a closing server is expected; a request with no answer is not.
    req.on('error', (error) => reject(error));
    if (send > 0) {
      req.write(Buffer.alloc(send, 0x61));
      if (send === declared) req.end();
    } else req.end();
  });
}

// A keep-alive connection used to die after an early 401/413 on a body over ~4-5 MB: the rest of the body was
// never read, so the next request on the socket waited ~6 s and then the connection was reset.
describe('keep-alive after an early reply', () => {
  it('drains a 6 MB body the handler never read, then serves the next request on the same socket', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await request(agent, '/api/guarded', 6 * 1024 * 1024);
      expect(first.status).toBe(401);
      expect(first.headers.connection).not.toBe('close');
      const second = await request(agent, '/api/state');
      expect(second.status).toBe(200);
      expect(second.socket).toBe(first.socket);
    } finally {
      agent.destroy();
    }
  });

  it('closes deliberately, saying so, when more than the drain limit is announced', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await request(agent, '/api/guarded', 64 * 1024, DRAIN_LIMIT_BYTES + 1);
      expect(first.status).toBe(401);
      expect(first.headers.connection).toBe('close');
      const second = await request(agent, '/api/state');
      expect(second.status).toBe(200);
    } finally {
      agent.destroy();
    }
  });
});

// Node closes an idle connection when its keep-alive timer fires, and timers run before sockets are read: a request
// sent while the event loop was busy past that timeout (the chatbot's first training, on a loaded machine) was reset.
describe('keep-alive after a busy event loop', () => {
  it('answers a request sent on an idle connection while the loop was blocked past the keep-alive timeout', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await request(agent, '/api/state');
      // Node's keep-alive timeout (5 s) plus the 1 s it adds before closing, and a margin.
      const until = performance.now() + 7_000;
      while (performance.now() < until);
      const second = await request(agent, '/api/state');
      expect(second.status).toBe(200);
      expect(second.socket).toBe(first.socket);
    } finally {
      agent.destroy();
    }
  }, 30_000);
});
