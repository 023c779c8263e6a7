import { HttpRequest, InvocationContext } from '@azure/functions';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { resetSharedConfig } from '../config/index.ts';
import { loadSharedConfig } from '../config/shared-config.ts';
import { ConfigError } from '../errors/index.ts';
import { defineHandler, json } from './index.ts';
import { tryCrossOriginRefusal } from './same-origin-guard.ts';

const APP = 'http://127.0.0.1:7300';
const EVIL = 'http://127.0.0.1:7301';

function request(method: string, headers: Record<string, string>, body?: string): HttpRequest {
  return new HttpRequest({
    method,
    url: `${APP}/api/chat`,
    headers: { host: '127.0.0.1:7300', ...headers },
    ...(body !== undefined ? { body: { string: body } } : {}),
  });
}

/** What a page of another origin sends with fetch(url, {method: 'POST', mode: 'no-cors', body}): no preflight. */
const noCors = (origin: string, site: string) => ({
  origin,
  'sec-fetch-site': site,
  'sec-fetch-mode': 'no-cors',
  'content-type': 'application/x-www-form-urlencoded',
});

describe('tryCrossOriginRefusal', () => {
  it('refuses a write a browser sends from another site, or from another port of the same host', () => {
    for (const site of ['cross-site', 'same-site']) {
      const why = tryCrossOriginRefusal(request('POST', noCors(EVIL, site)), []);
      expect(why).toMatch(
        new RegExp(
          `^Refused a cross-origin POST from ${EVIL} \\(Sec-Fetch-Site: ${site}\\).*ALLOWED_ORIGINS`,
        ),
      );
    }
    for (const method of ['PUT', 'PATCH', 'DELETE'])
      expect(tryCrossOriginRefusal(request(method, noCors(EVIL, 'cross-site')), [])).toBeDefined();
  });

  it("lets the app's own pages, a typed URL and clients that are no browser (curl -d) through", () => {
    expect(tryCrossOriginRefusal(request('POST', noCors(APP, 'same-origin')), [])).toBeUndefined();
    expect(tryCrossOriginRefusal(request('POST', { 'sec-fetch-site': 'none' }), [])).toBeUndefined();
    const curl = { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'curl/8.5.0' };
    expect(tryCrossOriginRefusal(request('POST', curl), [])).toBeUndefined();
  });

  it('lets an origin of ALLOWED_ORIGINS through, and only that one', () => {
    expect(tryCrossOriginRefusal(request('POST', noCors(EVIL, 'cross-site')), [EVIL])).toBeUndefined();
    expect(tryCrossOriginRefusal(request('POST', noCors(EVIL, 'cross-site')), [APP])).toBeDefined();
  });

  it('never refuses a safe method: reads are for CORS to guard', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS'])
      expect(tryCrossOriginRefusal(request(method, noCors(EVIL, 'cross-site')), [])).toBeUndefined();
  });

  it('judges a browser without Sec-Fetch-Site by Origin against Host, and refuses Origin: null', () => {
    expect(tryCrossOriginRefusal(request('POST', { origin: APP }), [])).toBeUndefined();
    expect(tryCrossOriginRefusal(request('POST', { origin: EVIL }), [])).toMatch(
      /from http:\/\/127\.0\.0\.1:7301:/,
    );
    // A sandboxed iframe, a file:// page or a redirect says Origin: null.
    expect(tryCrossOriginRefusal(request('POST', { origin: 'null' }), [])).toMatch(/from null:/);
  });

  it('reads Host as a browser writes Origin: a default port and the case of a name change no origin', () => {
    const at = (host: string, origin: string) => tryCrossOriginRefusal(request('POST', { host, origin }), []);
    for (const [host, origin] of [
      ['shop.example.com:443', 'https://shop.example.com'],
      ['shop.example.com:80', 'http://shop.example.com'],
      ['Shop.Example.COM', 'https://shop.example.com'],
      ['[::1]:80', 'http://[::1]'],
    ] as const)
      expect(at(host, origin), `${host} / ${origin}`).toBeUndefined();
    // Another port, or https's port for http, is another origin.
    for (const [host, origin] of [
      ['shop.example.com:443', 'http://shop.example.com'],
      ['shop.example.com:8443', 'https://shop.example.com'],
      ['shop.example.com', 'https://shop.example.com:8443'],
      ['shop.example.com.evil.example', 'https://shop.example.com'],
      ['evil.example@shop.example.com', 'https://shop.example.com'],
    ] as const)
      expect(at(host, origin), `${host} / ${origin}`).toBeDefined();
  });
});

describe('defineHandler refuses cross-origin writes', () => {
  afterEach(() => {
    delete process.env.ALLOWED_ORIGINS;
    resetSharedConfig();
  });
  let calls = 0;
  const chat = defineHandler({ body: z.object({ message: z.string() }) }, ({ body }) => {
    calls++;
    return json({ echo: body.message });
  });
  const attack = () =>
    chat(
      request('POST', noCors(EVIL, 'cross-site'), '{"message":"talk to a person"}'),
      new InvocationContext(),
    );

  it('answers 403 problem+json naming the origin, before the handler runs', async () => {
    const before = calls;
    const res = await attack();
    expect(res.status).toBe(403);
    expect((res.headers as Headers | Record<string, string>) instanceof Headers).toBe(false);
    expect((res.headers as Record<string, string>)['content-type']).toBe('application/problem+json');
    expect(res.jsonBody).toMatchObject({
      status: 403,
      code: 'cross_origin_request',
      origin: EVIL,
      secFetchSite: 'cross-site',
      detail: expect.stringContaining('ALLOWED_ORIGINS'),
    });
    expect(calls).toBe(before);
  });

  it('serves curl -d (form-urlencoded JSON, no browser headers) and an origin named in ALLOWED_ORIGINS', async () => {
    const curl = request('POST', { 'content-type': 'application/x-www-form-urlencoded' }, '{"message":"hi"}');
    expect((await chat(curl, new InvocationContext())).status).toBe(200);
    process.env.ALLOWED_ORIGINS = `https://app.example.com, ${EVIL}`;
    resetSharedConfig();
    expect((await attack()).status).toBe(200);
  });
});

describe('ALLOWED_ORIGINS', () => {
  it('reads origins as browsers write them, comma- or space-separated', () => {
    const config = loadSharedConfig({ ALLOWED_ORIGINS: 'HTTPS://App.Example.com/ http://localhost:5173' });
    expect(config.allowedOrigins).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(loadSharedConfig({}).allowedOrigins).toEqual([]);
  });

  it('refuses a wildcard, a path or a default port, naming the variable and the entry', () => {
    for (const [value, entry] of [
      ['*', '*'],
      ['https://a.example.com/app', 'https://a.example.com/app'],
      ['https://a.example.com:443', 'https://a.example.com:443'],
      ['a.example.com', 'a.example.com'],
    ]) {
      const load = () => loadSharedConfig({ ALLOWED_ORIGINS: `http://ok.example.com,${value}` });
      expect(load).toThrow(ConfigError);
      expect(load).toThrow(`ALLOWED_ORIGINS is invalid: "${entry}" is not an origin`);
    }
  });
});
