import { HttpRequest, InvocationContext } from '@azure/functions';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CONSOLE_CSP,
  consoleCsp,
  createConsoleHandler,
  createStaticSite,
  resolveConsoleDir,
  toSitePath,
} from './index.ts';

// A built console as Vite leaves it, and a secret beside it that no request may reach.
const work = mkdtempSync(join(tmpdir(), 'static-site-'));
const root = join(work, 'dist-web');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(
  join(root, 'index.html'),
  '<!doctype html><script type="module" src="/assets/index-abc.js"></script>',
);
writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
writeFileSync(join(root, '.env'), 'SECRET=1');
writeFileSync(join(work, 'secret.txt'), 'SECRET=2');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const site = createStaticSite(root);
const handler = createConsoleHandler(() => site);
const get = (path: string | undefined, headers: Record<string, string> = {}) =>
  handler(
    new HttpRequest({
      method: 'GET',
      url: `http://localhost/${path ?? ''}`,
      params: path === undefined ? {} : { path },
      headers,
    }),
    new InvocationContext(),
  );

describe('the console site', () => {
  it('answers / with index.html, no-cache, the CSP and nosniff', async () => {
    const res = await get(undefined);
    expect(res.status).toBe(200);
    const headers = res.headers as Record<string, string>;
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expect(headers['cache-control']).toBe('no-cache');
    expect(headers['content-security-policy']).toBe(CONSOLE_CSP);
    expect(CONSOLE_CSP).toContain("connect-src 'self'");
    expect(CONSOLE_CSP).toContain("script-src 'self'");
    expect(CONSOLE_CSP).not.toContain('unsafe-inline');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.body)).toContain('<!doctype html>');
  });

  it('lets a page call the origins its app names besides its own (connect-src), and refuses what is not an origin', async () => {
    const blob = 'https://acct.blob.core.windows.net';
    const uploading = createStaticSite(root, { connectSources: [blob, 'http://127.0.0.1:10000'] });
    const res = await uploading.serve({ path: undefined, method: 'GET' });
    const csp = (res.headers as Record<string, string>)['content-security-policy'];
    expect(csp).toContain(`connect-src 'self' ${blob} http://127.0.0.1:10000;`);
    expect(csp).toContain("script-src 'self';");
    // A source list is not a place for a path, a wildcard or a second directive smuggled in.
    for (const bad of [`${blob}/models`, '*', "https://a.example; script-src 'unsafe-inline'", 'data:'])
      expect(() => consoleCsp([bad])).toThrow(/not an http\(s\) origin/);
  });

  it('serves hashed assets as immutable with their content type', async () => {
    const js = await get('assets/index-abc.js');
    expect((js.headers as Record<string, string>)['content-type']).toBe('text/javascript; charset=utf-8');
    expect((js.headers as Record<string, string>)['cache-control']).toContain('immutable');
    const css = await get('assets/index-abc.css');
    expect((css.headers as Record<string, string>)['content-type']).toBe('text/css; charset=utf-8');
  });

  it('answers 304 when the ETag matches', async () => {
    const first = await get(undefined);
    const etag = (first.headers as Record<string, string>).etag!;
    const again = await get(undefined, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();
  });

  it.each([
    '../secret.txt',
    'assets/../../secret.txt',
    '..%2fsecret.txt',
    '.env',
    'assets\\..\\..\\secret.txt',
    'C:/x',
  ])('refuses %s with a 404 problem', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect((res.headers as Headers).get?.('content-type') ?? JSON.stringify(res.headers)).toContain(
      'application/problem+json',
    );
    expect(JSON.stringify(res.jsonBody ?? res.body)).not.toContain('SECRET');
  });

  it('never answers an /api path with the page', async () => {
    const res = await get('api/nothing-here');
    expect(res.status).toBe(404);
    // A GET of a POST-only route (a :predict URL opened in a browser) ends here: the answer says where routes are.
    expect((res.jsonBody as { detail: string }).detail).toBe(
      'No API route answers GET /api/nothing-here: GET /api/openapi.json lists each route and its methods',
    );
  });

  it('keeps paths inside the folder', () => {
    expect(toSitePath('')).toBe('index.html');
    expect(toSitePath('a/../b')).toBeUndefined();
    expect(toSitePath('a//b')).toBeUndefined();
    expect(toSitePath('assets/x.js')).toBe('assets/x.js');
  });

  it('says how to build the console when it is missing', async () => {
    const empty = createStaticSite(join(work, 'nowhere'));
    await expect(empty.serve({ path: '', method: 'GET' })).rejects.toThrow(/npm run build:web/);
  });

  it('finds dist-web in the package root on Azure and in the working folder elsewhere', () => {
    expect(resolveConsoleDir({ AzureWebJobsScriptRoot: '/home/site/wwwroot' }, '/x')).toBe(
      '/home/site/wwwroot/dist-web',
    );
    expect(resolveConsoleDir({}, '/repo/apps/anomaly')).toBe('/repo/apps/anomaly/dist-web');
    expect(resolveConsoleDir({ CONSOLE_DIR: '/srv/console' }, '/x')).toBe('/srv/console');
  });
});
