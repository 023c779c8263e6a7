import { HttpRequest, InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findUnstorableText } from '../db/storable-text.ts';
import { defineHandler, json } from './index.ts';
import { DEFAULT_MAX_JSON_DEPTH, findJsonDepthExcess } from './json-depth.ts';

function post(body: string): HttpRequest {
  return new HttpRequest({
    method: 'POST',
    url: 'http://localhost/api/x',
    headers: { 'content-type': 'application/json' },
    body: { string: body },
  });
}

const nested = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);

describe('JSON nesting depth', () => {
  it('answers 400 naming the limit for 20,000 nested arrays, on a typed body and on an untyped one', async () => {
    const typed = defineHandler({ body: z.object({ a: z.number() }) }, () => json({}));
    const untyped = defineHandler({ body: z.unknown() }, () => json({}));
    for (const handler of [typed, untyped]) {
      const res = await handler(post(nested(20_000)), new InvocationContext());
      expect(res.status).toBe(400);
      const body = res.jsonBody as { detail: string; errors: Array<{ path: string; message: string }> };
      expect(body.detail).toContain(`nested deeper than ${DEFAULT_MAX_JSON_DEPTH} levels`);
      expect(body.errors[0]?.path).toBe('body');
    }
  });

  it('accepts nesting up to the limit and counts only brackets outside strings', async () => {
    const handler = defineHandler({ body: z.unknown() }, ({ body }) => json({ got: body }));
    expect((await handler(post(nested(DEFAULT_MAX_JSON_DEPTH)), new InvocationContext())).status).toBe(200);
    const quoted = JSON.stringify({ s: '['.repeat(10_000) + '\\"{' });
    expect((await handler(post(quoted), new InvocationContext())).status).toBe(200);
    const objects = '{"a":'.repeat(DEFAULT_MAX_JSON_DEPTH + 1) + '1' + '}'.repeat(DEFAULT_MAX_JSON_DEPTH + 1);
    expect((await handler(post(objects), new InvocationContext())).status).toBe(400);
  });

  it('finds the first bracket past the limit', () => {
    expect(findJsonDepthExcess('[[["x"]]]', 3)).toBeUndefined();
    expect(findJsonDepthExcess('[[["x"]]]', 2)).toBe(2);
    expect(findJsonDepthExcess('["[[[", [[1]]]', 2)).toBe(9);
  });

  it('walks a value nested far beyond the stack without recursion', () => {
    let deep: unknown = 'bad\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findUnstorableText(deep)).toBe(Array(200_000).fill('0').join('.'));
    expect(findUnstorableText({ a: [1, { b: 'ok' }], c: { 'k\u0000': 1 } })).toBe('c.k\u0000');
    expect(findUnstorableText({ a: [1, { b: 'ok', d: '\ud800' }] })).toBe('a.1.d');
  });

  it('reports the first finding in document order, skipping numbers without losing positions', () => {
    expect(findUnstorableText({ a: { x: '\u0000' }, 'b\u0000': 1 })).toBe('a.x');
    expect(findUnstorableText({ 'a\u0000': 1, b: { x: '\u0000' } })).toBe('a\u0000');
    expect(findUnstorableText([1, 2.5, true, null, 'ok', [3, '\u0000']])).toBe('5.1');
    expect(
      findUnstorableText(
        {
          rows: [
            [1, 2],
            [3, 4],
          ],
        },
        'body',
      ),
    ).toBeUndefined();
    expect(findUnstorableText({ k: ['\u0000'] }, 'query')).toBe('query.k.0');
  });
});
