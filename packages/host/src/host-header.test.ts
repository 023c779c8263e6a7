import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowedHosts } from './allowed-hosts.ts';
import { startHost } from './start-host.ts';
import type { RunningHost } from './start-host.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/fixture-app.ts', import.meta.url));

/** GET `path` of the host with the Host header a browser would send for `host`. */
function get(
  path: string,
  host: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: running.port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

let running: RunningHost;
beforeAll(async () => {
  process.env.ALLOWED_HOSTS = 'tunnel.example.net, .dev.example.org';
  running = await startHost({ entry: FIXTURE, port: 0, name: 'fixture', timers: false, log: () => {} });
});
afterAll(async () => {
  delete process.env.ALLOWED_HOSTS;
  await running?.close();
});

// DNS rebinding: a page of evil.example whose name resolves to 127.0.0.1 reaches the host as its own origin, so the
// same-origin rules of the browser let it read every answer and send every write; only the Host header tells.
describe('the Host header the dev host answers', () => {
  it('refuses a name that is not the loopback with 403 problem+json naming ALLOWED_HOSTS', async () => {
    for (const host of [
      `evil.example:${running.port}`,
      'evil.example',
      'localhost.evil.example',
      'localhost.',
    ]) {
      for (const path of ['/api/hello', '/admin/host/status', '/no-such-route']) {
        const res = await get(path, host);
        expect(res.status, `${host}${path}`).toBe(403);
        expect(res.headers['content-type']).toBe('application/problem+json');
        expect(JSON.parse(res.body)).toMatchObject({
          status: 403,
          code: 'host_not_allowed',
          host,
          detail: expect.stringContaining('ALLOWED_HOSTS'),
        });
      }
    }
  });

  it('serves localhost, 127.0.0.1 and [::1] with any port, other IP addresses, and the names ALLOWED_HOSTS gives', async () => {
    const port = running.port;
    for (const host of [
      `localhost:${port}`,
      'LOCALHOST',
      `127.0.0.1:${port}`,
      `[::1]:${port}`,
      'app.localhost:5173',
      '192.168.1.20:7071',
      'tunnel.example.net',
      'api.dev.example.org:443',
      'dev.example.org',
    ])
      expect((await get('/api/hello', host)).status, host).toBe(200);
    expect((await get('/api/hello', 'other.example.net')).status).toBe(403);
  });
});

describe('what every answer of the dev host carries', () => {
  it("X-Content-Type-Options: nosniff, on a function's answer, the router's, the admin API's and a refusal", async () => {
    const host = `127.0.0.1:${running.port}`;
    for (const [path, status] of [
      ['/api/hello', 200],
      ['/api/crash', 500],
      ['/api/no-such-route', 404],
      ['/admin/host/status', 401],
    ] as const) {
      const res = await get(path, host);
      expect(res.status, path).toBe(status);
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
    }
    expect((await get('/api/hello', 'evil.example')).headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('ALLOWED_HOSTS', () => {
  it('reads names, and .domain for the domain and its subdomains, comma- or space-separated', () => {
    expect(parseAllowedHosts(' Tunnel.Example.net,.dev.example.org  box.local ')).toEqual([
      'tunnel.example.net',
      '.dev.example.org',
      'box.local',
    ]);
    expect(parseAllowedHosts(undefined)).toEqual([]);
  });

  it('refuses a scheme, a port, a path or a wildcard, naming the variable and the entry', () => {
    for (const entry of [
      'https://a.example.com',
      'a.example.com:8080',
      'a.example.com/x',
      '*',
      '*.example.com',
    ])
      expect(() => parseAllowedHosts(`ok.example.com,${entry}`)).toThrow(
        `ALLOWED_HOSTS is invalid: "${entry}" is not a host name`,
      );
  });
});
