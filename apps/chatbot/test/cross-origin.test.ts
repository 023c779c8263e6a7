// Cross-site request forgery in Chromium: a page of another origin POSTs JSON to /api/chat with fetch 'no-cors' and
// a form Content-Type (no CORS preflight; the app reads that type as JSON because curl -d sends it). Asking for a
// person opens a handoff in the agents' queue, so a forged request would fill the queue from any web site the
// user visits while the app runs on their laptop (API keys off). The app refuses it, and the host refuses a page of
// a name rebound to 127.0.0.1 (DNS rebinding); its own pages and curl pass (@suite/console/testing's kit).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectCrossOriginRefusal,
  expectReboundRefusal,
  sendFromPage,
  useCrossOriginPage,
} from '@suite/console/testing';

const ADMIN_KEY = 'cross-origin-admin-key';
const kit = useCrossOriginPage({
  appDir: join(dirname(fileURLToPath(import.meta.url)), '..'),
  env: { ADMIN_KEY, LLM_BASE_URL: undefined, OPENAI_API_KEY: undefined },
  paths: ['/api/chat'],
});
const { app, browser } = kit;
const MESSAGE = 'I want to speak to a real person please';
const ASK_FOR_A_PERSON = JSON.stringify({ message: MESSAGE });

beforeAll(async () => {
  // The first answer trains the classifier (minutes on a loaded machine): done here, so the tests time the guard.
  const warm = await fetch(`${app.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: 'hello' }),
  });
  expect(warm.status).toBe(200);
  expect(await openHandoffs()).toBe(0);
}, 600_000);

async function openHandoffs(): Promise<number> {
  const res = await fetch(`${app.url}/api/handoffs?status=open`, { headers: { 'x-admin-key': ADMIN_KEY } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { handoffs: unknown[] }).handoffs.length;
}

describe('a page of another origin cannot chat on the user’s behalf', () => {
  it('refuses the forged request with 403 problem+json naming the origin, and opens no handoff', async () => {
    await expectCrossOriginRefusal(kit, '/api/chat', ASK_FOR_A_PERSON, { message: MESSAGE });
    expect(await openHandoffs()).toBe(0);
  }, 300_000);

  it('refuses a page whose name was rebound to 127.0.0.1 (DNS rebinding), and opens no handoff', async () => {
    await expectReboundRefusal(kit, '/api/chat', ASK_FOR_A_PERSON);
    expect(await openHandoffs()).toBe(0);
  }, 120_000);

  it("serves the same request from the app's own page and from curl -d, each opening a handoff", async () => {
    const own = await sendFromPage(
      browser.page,
      `${app.url}/api/health`,
      `${app.url}/api/chat`,
      ASK_FOR_A_PERSON,
    );
    expect(own.status).toBe(200);
    const curl = await fetch(`${app.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: ASK_FOR_A_PERSON,
    });
    expect(curl.status).toBe(200);
    expect(await openHandoffs()).toBe(2);
  }, 300_000);
});
