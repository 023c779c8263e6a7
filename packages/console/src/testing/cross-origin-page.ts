// A web page of another origin, as an attacker's site would be: served on a port of its own, it sends requests to
// an app the way any page may without a CORS preflight (fetch with mode 'no-cors'), for the apps' CSRF tests.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';

/** A running page server and its origins. */
export interface CrossOriginPage {
  /** `http://localhost:<port>`: another site than an app on 127.0.0.1 (Sec-Fetch-Site: cross-site). */
  crossSite: string;
  /** `http://127.0.0.1:<port>`: the app's host on another port, another origin of the same site (same-site). */
  sameSite: string;
  close(): Promise<void>;
}

/** What the app answered a page's request, as Chromium saw it. */
export interface CrossOriginAnswer {
  status: number;
  /** The answer's Content-Type and body: only of a form's navigation (Chromium keeps neither of an opaque answer). */
  contentType?: string;
  body?: string;
}

const PAGE = '<!doctype html><title>another origin</title><p>Nothing to see here.</p>';

/**
 * Serves a blank page on a free port of 127.0.0.1, reachable as two origins ({@link CrossOriginPage}).
 * @example const evil = await startCrossOriginPage(); await page.goto(evil.crossSite); ... await evil.close();
 */
export async function startCrossOriginPage(): Promise<CrossOriginPage> {
  const server: Server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    crossSite: `http://localhost:${port}`,
    sameSite: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Opens `from` in `page` and has it send `body` to `url` with `fetch(url, {method, mode: 'no-cors', body})` and a
 * CORS-safelisted Content-Type (form-urlencoded by default), which needs no preflight; resolves with the app's
 * answer as Chromium received it.
 * @example const answer = await sendFromPage(page, evil.crossSite, `${app.url}/api/chat`, '{"message":"hi"}');
 */
export async function sendFromPage(
  page: Page,
  from: string,
  url: string,
  body: string,
  options: { method?: string; contentType?: string } = {},
): Promise<CrossOriginAnswer> {
  await page.goto(from);
  // An app's first answer may take a while (the chatbot trains its classifier on first use).
  const answered = page.waitForResponse((response) => response.url() === url, { timeout: 120_000 });
  await page.evaluate(
    async ([to, method, type, text]) => {
      await fetch(to, { method, mode: 'no-cors', headers: { 'content-type': type }, body: text });
    },
    [
      url,
      options.method ?? 'POST',
      options.contentType ?? 'application/x-www-form-urlencoded',
      body,
    ] as const,
  );
  return { status: (await answered).status() };
}

/**
 * Opens `from` in `page` and submits an HTML form of `fields` to `url` (POST, form-urlencoded: what any page may
 * do without script); resolves with the answer the browser then shows, body included.
 * @example const answer = await submitFormFromPage(page, evil.crossSite, `${app.url}/api/chat`, { message: 'hi' });
 */
export async function submitFormFromPage(
  page: Page,
  from: string,
  url: string,
  fields: Record<string, string>,
): Promise<CrossOriginAnswer> {
  await page.goto(from);
  const answered = page.waitForResponse((response) => response.url() === url, { timeout: 120_000 });
  // A string, as the DOM is not among this package's Node types.
  await page.evaluate(`(() => {
    const form = Object.assign(document.createElement('form'), { method: 'POST', action: ${JSON.stringify(url)} });
    for (const [name, value] of ${JSON.stringify(Object.entries(fields))})
      form.append(Object.assign(document.createElement('input'), { name, value }));
    document.body.append(form);
    form.submit();
  })()`);
  const response = await answered;
  return {
    status: response.status(),
    contentType: response.headers()['content-type'],
    body: await response.text(),
  };
}
