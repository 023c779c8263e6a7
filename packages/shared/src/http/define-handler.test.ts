import { HttpRequest, InvocationContext, type HttpRequestInit } from '@azure/functions';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { resetSharedConfig } from '../config/index.ts';
import { defineHandler, json } from './index.ts';

const URL_BASE = 'http://localhost:7071/api/items';

// A string body's request says text/plain unless told otherwise (as fetch() does); these bodies are JSON.
function post(body: string, init: Partial<HttpRequestInit> = {}): HttpRequest {
  const headers = { 'content-type': 'application/json', ...(init.headers as Record<string, string>) };
  return new HttpRequest({ method: 'POST', url: URL_BASE, body: { string: body }, ...init, headers });
}

const Item = z.object({ name: z.string().min(1), qty: z.number().int().positive() });
const echo = defineHandler({ body: Item }, ({ body }) => json({ got: body }, 201));

function problem(res: { jsonBody?: unknown }) {
  return res.jsonBody as {
    status: number;
    detail: string;
    code: string;
    errors?: Array<{ path: string; message: string }>;
    requestId?: string;
    instance?: string;
  };
}

describe('defineHandler', () => {
  it('passes the validated body to the handler and echoes a request id', async () => {
    const res = await echo(
      post('{"name":"cup","qty":2,"extra":1}', { headers: { 'x-request-id': 'abc-123' } }),
      new InvocationContext(),
    );
    expect(res.status).toBe(201);
    expect(res.jsonBody).toEqual({ got: { name: 'cup', qty: 2 } });
    expect((res.headers as Record<string, string>)['x-request-id']).toBe('abc-123');
  });

  it('sends X-Content-Type-Options: nosniff on every answer: JSON, problem+json, and headers a handler set itself', async () => {
    const own = defineHandler({}, () => ({
      status: 200,
      headers: new Headers({ 'content-type': 'text/plain' }),
    }));
    for (const res of [
      await echo(post('{"name":"cup","qty":2}'), new InvocationContext()),
      await echo(post('{"name":'), new InvocationContext()),
      await own(new HttpRequest({ method: 'GET', url: URL_BASE }), new InvocationContext()),
    ])
      expect(
        new Headers(res.headers as ConstructorParameters<typeof Headers>[0]).get('x-content-type-options'),
      ).toBe('nosniff');
  });

  it('makes up a request id when the caller sends none or an unsafe one', async () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const cases: Array<Record<string, string>> = [
      {},
      { 'x-request-id': 'a b' },
      { 'x-request-id': 'x'.repeat(200) },
    ];
    for (const headers of cases) {
      const res = await echo(post('{"name":"cup","qty":2}', { headers }), new InvocationContext());
      expect((res.headers as Record<string, string>)['x-request-id']).toMatch(uuid);
    }
  });

  it('answers 400 with the position when the JSON is malformed', async () => {
    const res = await echo(post('{"name": "cup",\n "qty": }'), new InvocationContext());
    expect(res.status).toBe(400);
    expect((res.headers as Record<string, string>)['content-type']).toBe('application/problem+json');
    expect(problem(res).detail).toBe(
      'Request body is not valid JSON: unexpected "}" at line 2, column 9 (position 24)',
    );
    expect(problem(res).errors?.[0]?.path).toBe('body');
  });

  it('answers 400 naming each invalid field', async () => {
    const res = await echo(post('{"name":"","qty":1.5}'), new InvocationContext());
    expect(res.status).toBe(400);
    const body = problem(res);
    expect(body.code).toBe('invalid_request');
    expect(body.errors?.map((e) => e.path)).toEqual(['name', 'qty']);
    expect(body.detail).toMatch(/^Invalid request: name: .*; qty: /);
    expect(body.instance).toBe('/api/items');
    expect(body.requestId).toBe((res.headers as Record<string, string>)['x-request-id']);
  });

  it('answers 400 when a required JSON body is missing, and for a wrong top-level type', async () => {
    const missing = await echo(post(''), new InvocationContext());
    expect(problem(missing).errors).toEqual([{ path: 'body', message: 'a JSON body is required' }]);
    const array = await echo(post('[1]'), new InvocationContext());
    expect(problem(array).errors?.[0]?.path).toBe('body');
  });

  it('validates query strings with coercion and route params, prefixing their paths', async () => {
    const handler = defineHandler(
      {
        query: z.object({ k: z.coerce.number().int().min(1).default(10) }),
        params: z.object({ id: z.string().regex(/^\d+$/) }),
      },
      ({ query, params }) => json({ k: query.k, id: params.id }),
    );
    const ok = await handler(
      new HttpRequest({ method: 'GET', url: URL_BASE, query: { k: '5' }, params: { id: '42' } }),
      new InvocationContext(),
    );
    expect(ok.jsonBody).toEqual({ k: 5, id: '42' });
    const bad = await handler(
      new HttpRequest({ method: 'GET', url: URL_BASE, query: { k: 'many' }, params: { id: 'x' } }),
      new InvocationContext(),
    );
    expect(bad.status).toBe(400);
    expect(problem(bad).errors?.map((e) => e.path)).toEqual(['params.id', 'query.k']);
  });

  it('reports an invalid route parameter together with a malformed JSON body in one 400', async () => {
    const handler = defineHandler(
      { params: z.object({ id: z.string().regex(/^\d+$/) }), body: Item },
      ({ body }) => json(body),
    );
    const res = await handler(post('{"name": ', { params: { id: 'x' } }), new InvocationContext());
    expect(res.status).toBe(400);
    expect(problem(res).errors?.map((e) => e.path)).toEqual(['params.id', 'body']);
  });

  it('answers 413 from Content-Length before reading the body', async () => {
    const handler = defineHandler({ body: z.unknown(), maxBodyBytes: 100 }, () => json({}));
    const res = await handler(post('{}', { headers: { 'content-length': '5000' } }), new InvocationContext());
    expect(res.status).toBe(413);
    expect(problem(res)).toMatchObject({ code: 'payload_too_large', limitBytes: 100 });
  });

  it('answers 413 from the actual byte length when no length is declared', async () => {
    const handler = defineHandler({ bodyType: 'text', maxBodyBytes: 10 }, () => json({}));
    // 6 characters but 12 bytes in UTF-8
    const res = await handler(post('éééééé'), new InvocationContext());
    expect(res.status).toBe(413);
    const fits = await handler(post('ééééé'), new InvocationContext());
    expect(fits.status).toBe(200);
  });

  it('stops reading a streamed body as soon as it passes the cap', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const native = new Request(URL_BASE, { method: 'POST', body: endless, duplex: 'half' } as RequestInit);
    const request = new HttpRequest({ nativeRequest: native } as unknown as HttpRequestInit);
    const handler = defineHandler({ bodyType: 'text', maxBodyBytes: 8 * 1024 }, () => json({}));
    const res = await handler(request, new InvocationContext());
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(20);
  });

  it('hands a text body over unparsed', async () => {
    const handler = defineHandler({ bodyType: 'text', body: z.string().min(1) }, ({ body }) =>
      json({ lines: body.split('\n').length }),
    );
    expect((await handler(post('a,b\n1,2'), new InvocationContext())).jsonBody).toEqual({ lines: 2 });
  });

  it('answers 400 naming the field for text PostgreSQL cannot store, before the handler runs', async () => {
    const ran = vi.fn(() => json({}));
    const handler = defineHandler(
      {
        body: z.object({ items: z.array(z.object({ name: z.string() })) }),
        query: z.object({ q: z.string() }),
      },
      ran,
    );
    const ctx = new InvocationContext();
    const nul = await handler(
      post(JSON.stringify({ items: [{ name: 'ok' }, { name: 'a\u0000b' }] }), { query: { q: 'x' } }),
      ctx,
    );
    expect(nul.status).toBe(400);
    expect(problem(nul).errors).toEqual([
      { path: 'items.1.name', message: 'must not contain NUL characters or unpaired surrogates' },
    ]);
    const surrogate = await handler(post('{"items": [{"name": "x\\ud800y"}]}', { query: { q: 'x' } }), ctx);
    expect(problem(surrogate).errors?.map((e) => e.path)).toEqual(['items.0.name']);
    const query = await handler(post('{"items": []}', { query: { q: 'a\u0000' } }), ctx);
    expect(problem(query).errors?.map((e) => e.path)).toEqual(['query.q']);
    const text = defineHandler({ bodyType: 'text', body: z.string() }, ran);
    expect(problem(await text(post('a,b\n1,\u0000'), ctx)).errors?.map((e) => e.path)).toEqual(['body']);
    expect(ran).not.toHaveBeenCalled();
    const paired = await handler(
      post(JSON.stringify({ items: [{ name: 'emoji \ud83d\ude00' }] }), { query: { q: 'x' } }),
      ctx,
    );
    expect(paired.status).toBe(200);
  });
});

describe('defineHandler admin guard', () => {
  const handler = defineHandler({ admin: true }, () => json({ ok: true }));
  const get = (headers: Record<string, string> = {}) =>
    new HttpRequest({ method: 'GET', url: URL_BASE, headers });
  afterEach(() => {
    delete process.env.ADMIN_KEY;
    resetSharedConfig();
  });

  it('answers 403 when ADMIN_KEY is not configured', async () => {
    delete process.env.ADMIN_KEY;
    resetSharedConfig();
    const res = await handler(get({ 'x-admin-key': 'anything' }), new InvocationContext());
    expect(res.status).toBe(403);
    expect(problem(res).detail).toBe('admin endpoints are disabled: set ADMIN_KEY');
  });

  it('answers 401 when the key is missing or wrong, and runs the handler when it matches', async () => {
    process.env.ADMIN_KEY = 's3cret';
    resetSharedConfig();
    expect((await handler(get(), new InvocationContext())).status).toBe(401);
    expect((await handler(get({ 'x-admin-key': 's3cre' }), new InvocationContext())).status).toBe(401);
    const ok = await handler(get({ 'x-admin-key': 's3cret' }), new InvocationContext());
    expect(ok.status).toBe(200);
  });

  it('checks the key before reading the body', async () => {
    process.env.ADMIN_KEY = 's3cret';
    resetSharedConfig();
    const spy = vi.fn();
    const guarded = defineHandler({ admin: true, body: z.object({}), maxBodyBytes: 1 }, spy);
    const res = await guarded(post('{"big": true}'), new InvocationContext());
    expect(res.status).toBe(401);
    expect(spy).not.toHaveBeenCalled();
  });
});
