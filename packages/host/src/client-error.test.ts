// Requests Node's HTTP parser refuses before any function runs (headers over the limit, a malformed request line)
// still answer application/problem+json saying what is wrong, as every other refusal of the host and the apps does.
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** Writes `raw` on a new connection and resolves with everything the server sent before it closed. */
function exchange(raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(new URL(host.url).port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.end(raw);
  });
}

function parse(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    problem: JSON.parse(body) as Record<string, unknown>,
  };
}

describe('requests the HTTP parser refuses', () => {
  it('answers headers over the size limit with a 431 problem naming the limit', async () => {
    const big = 'a'.repeat(20_000);
    const answer = parse(await exchange(`GET /api/health HTTP/1.1\r\nHost: x\r\nx-big: ${big}\r\n\r\n`));
    expect(answer.status).toBe(431);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.problem).toMatchObject({ status: 431, title: 'Request Header Fields Too Large' });
    expect(String(answer.problem.detail)).toMatch(/headers are larger than \d+ bytes/);
  });

  it('answers a malformed request with a 400 problem', async () => {
    const answer = parse(await exchange('GET /api/health HTTP/1.1\r\nHost: x\r\nbad header line\r\n\r\n'));
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.problem).toMatchObject({ status: 400, title: 'Bad Request' });
    expect(String(answer.problem.detail)).toMatch(/not valid HTTP/);
  });
});
