// Cross-site request forgery in Chromium: a page of another origin POSTs JSON to /api/chat with fetch 'no-cors' and
// a form Content-Type (no CORS preflight; the app reads that type as JSON because curl -d sends it). Asking for a
// person opens a handoff in the agents' queue, so a forged request would fill the queue from any web site the
// user visits while the app runs on their laptop (API keys off). The app refuses it; its own pages and curl pass.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  sendFromPage,
  submitFormFromPage,
  startCrossOriginPage,
  useConsoleApp,
  type CrossOriginPage,
} from '@suite/console/testing';

const ADMIN_KEY = 'cross-origin-admin-key';
const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const { app, browser } = useConsoleApp({
  appDir: APP_DIR,
  env: { ADMIN_KEY, LLM_BASE_URL: undefined, OPENAI_API_KEY: undefined },
  skipBuild: true,
  // Chromium logs the refused requests as console errors; these are what the test sends on purpose.
  browser: { optionalEndpoints: [/\/api\/chat$/] },
});
const ASK_FOR_A_PERSON = JSON.stringify({ message: 'I want to speak to a real person please' });

let evil: CrossOriginPage;
beforeAll(async () => {
  evil = await startCrossOriginPage();
  // The first answer trains the classifier (minutes on a loaded machine): done here, so the tests time the guard.
  const warm = await fetch(`${app.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: 'hello' }),
  });
  expect(warm.status).toBe(200);
  expect(await openHandoffs()).toBe(0);
}, 600_000);
afterAll(async () => evil?.close());

async function openHandoffs(): Promise<number> {
  const res = await fetch(`${app.url}/api/handoffs?status=open`, { headers: { 'x-admin-key': ADMIN_KEY } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { handoffs: unknown[] }).handoffs.length;
}

describe('a page of another origin cannot chat on the user’s behalf', () => {
  it('refuses the forged request with 403 problem+json naming the origin, and opens no handoff', async () => {
    for (const from of [evil.crossSite, evil.sameSite]) {
      const answer = await sendFromPage(browser.page, from, `${app.url}/api/chat`, ASK_FOR_A_PERSON);
      expect(answer.status).toBe(403);
    }
    // A form needs no script, and the browser shows its answer (the body of an opaque fetch answer stays hidden).
    const form = await submitFormFromPage(browser.page, evil.crossSite, `${app.url}/api/chat`, {
      message: 'I want to speak to a real person please',
    });
    expect(form).toMatchObject({ status: 403, contentType: 'application/problem+json' });
    expect(JSON.parse(form.body!)).toMatchObject({
      code: 'cross_origin_request',
      origin: evil.crossSite,
      secFetchSite: 'cross-site',
      detail: expect.stringContaining('ALLOWED_ORIGINS'),
    });
    expect(await openHandoffs()).toBe(0);
  }, 300_000);

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
