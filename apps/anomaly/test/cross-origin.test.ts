// Cross-site request forgery in Chromium: a page of another origin POSTs JSON to /api/detect with fetch 'no-cors' and
// a form Content-Type (no CORS preflight; the app reads that type as JSON because curl -d sends it). The app
// refuses it before the handler runs; curl -d gets the handler's own answer.
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

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const PATH = '/api/detect';
const BODY = JSON.stringify({ model: 'none-yet', rows: [[1, 2]] });
const { app, browser } = useConsoleApp({
  appDir: APP_DIR,
  env: { ADMIN_KEY: 'cross-origin-admin-key' },
  skipBuild: true,
  // Chromium logs the refused requests as console errors; these are what the test sends on purpose.
  browser: { optionalEndpoints: [new RegExp(`${PATH}$`)] },
});

let evil: CrossOriginPage;
beforeAll(async () => {
  evil = await startCrossOriginPage();
});
afterAll(async () => evil?.close());

describe('a page of another origin cannot call POST /api/detect', () => {
  it('is refused with 403 problem+json naming the origin; curl -d is served', async () => {
    const answer = await sendFromPage(browser.page, evil.crossSite, `${app.url}${PATH}`, BODY);
    expect(answer.status).toBe(403);
    // A form needs no script, and the browser shows its answer (the body of an opaque fetch answer stays hidden).
    const form = await submitFormFromPage(browser.page, evil.crossSite, `${app.url}${PATH}`, { x: '1' });
    expect(form).toMatchObject({ status: 403, contentType: 'application/problem+json' });
    expect(JSON.parse(form.body!)).toMatchObject({
      code: 'cross_origin_request',
      origin: evil.crossSite,
      secFetchSite: 'cross-site',
    });
    const curl = await fetch(`${app.url}${PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: BODY,
    });
    expect(curl.status, await curl.text()).toBe(404);
  }, 300_000);
});
