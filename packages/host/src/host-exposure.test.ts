import net from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost } from './start-host.ts';
import type { RunningHost } from './start-host.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/fixture-app.ts', import.meta.url));

/**
 * An address of this machine other than 127.0.0.1: its network address if it has one, else 127.0.0.2 (Linux
 * routes all of 127/8 to loopback, so a socket bound to every interface answers there and one on 127.0.0.1 not).
 */
const other =
  Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a !== undefined && a.family === 'IPv4' && !a.internal)?.address ?? '127.0.0.2';

/** 'open' when a TCP connection to host:port is accepted, else the error code. */
function probe(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve('open');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

let host: RunningHost;
beforeAll(async () => {
  // No hostname and no key given: the defaults are what is under test.
  delete process.env.FUNCTIONS_MASTER_KEY;
  host = await startHost({ entry: FIXTURE, port: 0, name: 'fixture', timers: false, log: () => {} });
});
afterAll(async () => {
  await host?.close();
});

// The dev host used to listen on every interface, with an admin API that needed no key and the library's
// internal proxy reachable from the network.
describe('what the dev host exposes', () => {
  it('listens on loopback only, by default', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}`);
    expect(await probe('127.0.0.1', host.port)).toBe('open');
    expect(await probe(other, host.port)).toBe('ECONNREFUSED');
  });

  it("keeps the library's streaming proxy on loopback", async () => {
    expect(host.proxyUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const port = Number(new URL(host.proxyUrl as string).port);
    expect(await probe('127.0.0.1', port)).toBe('open');
    expect(await probe(other, port)).toBe('ECONNREFUSED');
  });

  it('answers 401 on the admin API without the master key, and serves it with the key', async () => {
    expect(host.masterKey.source).toBe('generated');
    expect(host.masterKey.value.length).toBeGreaterThanOrEqual(32);
    const run = (headers: Record<string, string>, query = '') =>
      fetch(`${host.url}/admin/functions/jobs${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ input: { job: 1 } }),
      });
    const anonymous = await run({});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json');
    expect((await run({ 'x-functions-key': 'guess' })).status).toBe(401);
    expect((await fetch(`${host.url}/admin/functions`)).status).toBe(401);
    expect((await fetch(`${host.url}/admin/host/status`)).status).toBe(401);
    expect((await run({ 'x-functions-key': host.masterKey.value })).status).toBe(202);
    expect((await run({}, `?code=${encodeURIComponent(host.masterKey.value)}`)).status).toBe(202);
    // HTTP triggers keep their own auth: the master key is for the admin API only.
    expect((await fetch(`${host.url}/api/hello`)).status).toBe(200);
  });
});
