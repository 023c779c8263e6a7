// The apps' cross-site request forgery and DNS rebinding tests in Chromium: one app (API only) and a page of another
// origin beside it, a write from that page refused with 403 problem+json, curl -d served, and a page of a name
// pointed at 127.0.0.1 refused by the host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  sendFromPage,
  startCrossOriginPage,
  submitFormFromPage,
  type CrossOriginPage,
} from './cross-origin-page.ts';
import { later, useConsoleApp, type ConsoleTestKit } from './use-console-app.ts';

/** A name Chromium resolves to 127.0.0.1 here, as an attacker's DNS would after a rebinding. */
export const REBOUND_HOST = 'rebound.test';

/** Options of {@link useCrossOriginPage}. */
export interface UseCrossOriginPageOptions {
  appDir: string;
  /** The app's environment; ADMIN_KEY is set unless given. */
  env?: Record<string, string | undefined>;
  /** The API paths the test sends to on purpose: Chromium logs their refusals as console errors. */
  paths: string[];
}

/** The app, its browser and the page of another origin. */
export interface CrossOriginTestKit extends ConsoleTestKit {
  evil: CrossOriginPage;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Registers the hooks of a cross-origin test file: the app without its console ({@link useConsoleApp}), Chromium
 * resolving {@link REBOUND_HOST} to 127.0.0.1, and a page of another origin ({@link startCrossOriginPage}).
 * @example const kit = useCrossOriginPage({ appDir: APP_DIR, paths: ['/api/chat'] });
 */
export function useCrossOriginPage(options: UseCrossOriginPageOptions): CrossOriginTestKit {
  const kit = useConsoleApp({
    appDir: options.appDir,
    env: { ADMIN_KEY: 'cross-origin-admin-key', ...options.env },
    skipBuild: true,
    browser: {
      optionalEndpoints: options.paths.map((path) => new RegExp(`${escapeRegExp(path)}$`)),
      args: [`--host-resolver-rules=MAP ${REBOUND_HOST} 127.0.0.1`],
    },
  });
  let evil: CrossOriginPage | undefined;
  beforeAll(async () => {
    evil = await startCrossOriginPage();
  });
  afterAll(async () => evil?.close());
  return { ...kit, evil: later('page of another origin', () => evil) };
}

/**
 * Expects a page of another origin, of another site and of another port of the app's host, to be refused `body`
 * POSTed to `path` by fetch (no-cors), and `fields` submitted by a form, whose answer names the origin.
 * @example await expectCrossOriginRefusal(kit, '/api/chat', '{"message":"hi"}', { message: 'hi' });
 */
export async function expectCrossOriginRefusal(
  kit: CrossOriginTestKit,
  path: string,
  body: string,
  fields: Record<string, string>,
): Promise<void> {
  const { app, browser, evil } = kit;
  for (const from of [evil.crossSite, evil.sameSite])
    expect((await sendFromPage(browser.page, from, `${app.url}${path}`, body)).status, from).toBe(403);
  // A form needs no script, and the browser shows its answer (the body of an opaque fetch answer stays hidden).
  const form = await submitFormFromPage(browser.page, evil.crossSite, `${app.url}${path}`, fields);
  expect(form).toMatchObject({ status: 403, contentType: 'application/problem+json' });
  expect(JSON.parse(form.body!)).toMatchObject({
    code: 'cross_origin_request',
    origin: evil.crossSite,
    secFetchSite: 'cross-site',
    detail: expect.stringContaining('ALLOWED_ORIGINS'),
  });
}

/**
 * Expects a page of {@link REBOUND_HOST} (127.0.0.1 to Chromium) to be refused by the host: the page itself, and
 * `body` POSTed to `path`, which the browser sends as same-origin and the CSRF rule would let through.
 * @example await expectReboundRefusal(kit, '/api/chat', '{"message":"hi"}');
 */
export async function expectReboundRefusal(kit: CrossOriginTestKit, path: string, body: string) {
  const rebound = `http://${REBOUND_HOST}:${new URL(kit.app.url).port}`;
  const page = await kit.browser.page.goto(`${rebound}/api/health`);
  expect(page?.status()).toBe(403);
  expect(JSON.parse((await page?.text()) ?? '')).toMatchObject({
    code: 'host_not_allowed',
    detail: expect.stringContaining('ALLOWED_HOSTS'),
  });
  expect((await sendFromPage(kit.browser.page, rebound, `${rebound}${path}`, body)).status).toBe(403);
}

/** What {@link describeCrossOriginWrite} sends, and what curl gets. */
export interface CrossOriginWriteSpec {
  appDir: string;
  env?: Record<string, string | undefined>;
  /** A public POST route of the app. */
  path: string;
  /** A JSON body for it, as a page would send it (form-urlencoded type) and curl -d does. */
  body: string;
  /** The status curl -d gets from the handler itself. */
  curlStatus: number;
}

/**
 * A whole cross-origin test file for one route: {@link useCrossOriginPage}, then a test that a page of another
 * origin is refused ({@link expectCrossOriginRefusal}) while curl -d gets the handler's answer, and one that a
 * rebound name is refused ({@link expectReboundRefusal}).
 * @example describeCrossOriginWrite({ appDir, path: '/api/detect', body: '{"rows":[[1]]}', curlStatus: 404 });
 */
export function describeCrossOriginWrite(spec: CrossOriginWriteSpec): void {
  const kit = useCrossOriginPage({ appDir: spec.appDir, env: spec.env, paths: [spec.path] });
  describe(`a page of another origin cannot call POST ${spec.path}`, () => {
    it('is refused with 403 problem+json naming the origin; curl -d is served', async () => {
      await expectCrossOriginRefusal(kit, spec.path, spec.body, { x: '1' });
      const curl = await fetch(`${kit.app.url}${spec.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: spec.body,
      });
      expect(curl.status, await curl.text()).toBe(spec.curlStatus);
    }, 300_000);

    it('nor can a page whose name was rebound to 127.0.0.1, refused by the host', async () => {
      await expectReboundRefusal(kit, spec.path, spec.body);
    }, 120_000);
  });
}
