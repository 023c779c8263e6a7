// The alert client against real local receivers: refused addresses are never connected to, redirects never followed.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookAddressPolicy } from './webhook-address-policy.ts';
import { createWebhookPoster, WebhookTargetRefusedError } from './webhook-client.ts';

// No test here is about the timeout: it only bounds a hang, so a starved process's local round trip fits in it.
const init = { headers: { 'content-type': 'application/json' }, body: '{"type":"test"}', timeoutMs: 30_000 };

async function listen(answer: (res: ServerResponse) => void) {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { hits, port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('webhook client', () => {
  let internal: Awaited<ReturnType<typeof listen>>;
  let redirector: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    internal = await listen((res) => res.writeHead(200).end('secret'));
    redirector = await listen((res) =>
      res.writeHead(307, { location: `http://127.0.0.1:${internal.port}/internal` }).end(),
    );
  });
  afterAll(async () => {
    await internal.close();
    await redirector.close();
  });

  it('never connects to a loopback receiver the policy does not allow, however it is written', async () => {
    const strict = createWebhookPoster(createWebhookAddressPolicy(undefined));
    for (const host of ['127.0.0.1', 'localhost', 'localhost.', '[::ffff:127.0.0.1]', '0.0.0.0']) {
      const url = `http://${host}:${internal.port}/hook`;
      await expect(strict(url, init), url).rejects.toBeInstanceOf(WebhookTargetRefusedError);
    }
    expect(internal.hits).toEqual([]);
  });

  it('does not follow a 307 to an internal address: the 3xx is the answer', async () => {
    const allowLoopback = createWebhookPoster(createWebhookAddressPolicy('127.0.0.1/32'));
    const answer = await allowLoopback(`http://127.0.0.1:${redirector.port}/hook`, init);
    expect(answer).toEqual({ status: 307, ok: false });
    expect(redirector.hits).toEqual(['POST /hook']);
    expect(internal.hits).toEqual([]);
  });

  it('posts to an allowed receiver', async () => {
    const allowLoopback = createWebhookPoster(createWebhookAddressPolicy('127.0.0.1'));
    expect(await allowLoopback(`http://127.0.0.1:${internal.port}/ok`, init)).toEqual({
      status: 200,
      ok: true,
    });
    expect(internal.hits).toEqual(['POST /ok']);
  });
});
