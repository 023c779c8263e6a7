import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineHandler, json } from './index.ts';
import { findDuplicateKey } from './json-text-scan.ts';

const echo = defineHandler({ body: z.object({ name: z.string() }) }, ({ body }) => json({ got: body }));
const csv = defineHandler({ bodyType: 'text' }, ({ body }) => json({ text: body }));

const send = (
  bytes: Uint8Array | string,
  headers: Record<string, string> = {},
  handler = echo,
): Promise<HttpResponseInit> =>
  handler(
    new HttpRequest({
      method: 'POST',
      url: 'http://localhost/api/items',
      headers,
      body: { bytes: typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes },
    }),
    new InvocationContext(),
  );

const problem = (res: HttpResponseInit) => res.jsonBody as Record<string, unknown>;
const header = (res: HttpResponseInit, name: string) => (res.headers as Record<string, string>)[name];

const NAME = '{"name":"花 é"}';
const utf16 = (text: string, order: 'le' | 'be', bom: boolean): Uint8Array => {
  const le = Buffer.from(text, 'utf16le');
  const out = order === 'le' ? le : Buffer.from(le).swap16();
  const mark = order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return new Uint8Array(bom ? Buffer.concat([Buffer.from(mark), out]) : out);
};

describe('reading a JSON body', () => {
  it('reads UTF-16 named by its charset or by a byte-order mark, and drops a UTF-8 byte-order mark', async () => {
    const cases: Array<[Uint8Array | string, string | undefined]> = [
      [utf16(NAME, 'le', true), 'application/json; charset=utf-16'],
      [utf16(NAME, 'be', true), 'application/json; charset=UTF-16'],
      [utf16(NAME, 'be', false), 'application/json; charset=utf-16'],
      [utf16(NAME, 'le', false), 'application/json; charset="utf-16le"'],
      [utf16(NAME, 'be', false), 'application/json;charset=utf-16be'],
      // Windows PowerShell 5 writes UTF-16LE with a mark; curl --data-binary @file sends it as it is.
      [utf16(NAME, 'le', true), undefined],
      [utf16(NAME, 'le', true), 'application/json'],
      [`\ufeff${NAME}`, 'application/json; charset=utf-8'],
      [NAME, 'application/json; charset=utf8'],
    ];
    for (const [bytes, type] of cases) {
      const res = await send(bytes, type === undefined ? {} : { 'content-type': type });
      expect([type, res.status, res.jsonBody]).toEqual([type, 200, { got: { name: '花 é' } }]);
    }
  });

  it('answers 415 naming a charset other than UTF-8 or UTF-16, as Express body-parser does', async () => {
    for (const charset of ['iso-8859-1', 'windows-1252', 'utf-32', 'us-ascii']) {
      const res = await send('{"name":"x"}', { 'content-type': `application/json; charset=${charset}` });
      expect(res.status).toBe(415);
      expect(header(res, 'content-type')).toBe('application/problem+json');
      expect(problem(res)).toMatchObject({
        code: 'unsupported_media_type',
        detail: `Unsupported charset "${charset}" for JSON: send UTF-8 (RFC 8259), or UTF-16 with charset=utf-16`,
        charset,
        accepted: ['utf-8', 'utf-16', 'utf-16le', 'utf-16be'],
      });
    }
  });

  it('answers 415 for text/plain and other types JSON is not sent as, naming the types it reads', async () => {
    const res = await send('{"name":"x"}', { 'content-type': 'text/plain;charset=UTF-8' });
    expect(res.status).toBe(415);
    expect(problem(res)).toMatchObject({
      code: 'unsupported_media_type',
      detail:
        'Content-Type "text/plain" is not read as JSON: send "Content-Type: application/json" (fetch() sends text/plain for a string body unless the header is set)',
      contentType: 'text/plain',
      accepted: ['application/json', 'application/*+json', 'text/json', 'application/x-www-form-urlencoded'],
    });
    for (const type of ['application/xml', 'multipart/form-data; boundary=x', '*/*', 'json']) {
      expect((await send('{"name":"x"}', { 'content-type': type })).status).toBe(415);
    }
    // No body: nothing to refuse; the schema says what is missing.
    const empty = await send(new Uint8Array(0), { 'content-type': 'text/plain' });
    expect([empty.status, problem(empty).detail]).toEqual([
      400,
      'Invalid request: body: a JSON body is required',
    ]);
  });

  it("reads JSON sent as curl -d sends it (TF Serving's own example), without a type, or as +json / text/json", async () => {
    for (const type of [
      'application/x-www-form-urlencoded',
      'application/vnd.api+json',
      'text/json',
      'Application/JSON',
    ]) {
      expect((await send('{"name":"x"}', { 'content-type': type })).status).toBe(200);
    }
    expect((await send('{"name":"x"}')).status).toBe(200);
  });

  it('names the first byte that is not UTF-8, and says when the body looks gzip-compressed', async () => {
    const bad = new Uint8Array([...new TextEncoder().encode('{"name":"'), 0xe9, 0x22, 0x7d]);
    const res = await send(bad, { 'content-type': 'application/json' });
    expect([res.status, problem(res).detail]).toEqual([400, 'Request body is not valid UTF-8 at byte 9']);
    const gz = await send(gzipSync('{"name":"x"}'), { 'content-type': 'application/json' });
    expect(problem(gz).errors).toEqual([
      {
        path: 'body',
        message:
          'not valid UTF-8 at byte 1: it looks gzip-compressed, so send it with "Content-Encoding: gzip"',
      },
    ]);
  });

  it('decompresses gzip, deflate (zlib or raw) and br bodies, and answers 415 with Accept-Encoding for others', async () => {
    const text = '{"name":"compressed"}';
    const bodies: Array<[Uint8Array, string]> = [
      [gzipSync(text), 'gzip'],
      [gzipSync(text), 'x-gzip'],
      [deflateSync(text), 'deflate'],
      [deflateRawSync(text), 'deflate'],
      [brotliCompressSync(text), 'br'],
      [gzipSync(brotliCompressSync(text)), 'br, gzip'],
      [new TextEncoder().encode(text), 'identity'],
    ];
    for (const [bytes, coding] of bodies) {
      const res = await send(bytes, { 'content-type': 'application/json', 'content-encoding': coding });
      expect([coding, res.status, res.jsonBody]).toEqual([coding, 200, { got: { name: 'compressed' } }]);
    }
    const zstd = await send(text, { 'content-type': 'application/json', 'content-encoding': 'zstd' });
    expect([zstd.status, header(zstd, 'accept-encoding'), problem(zstd).contentEncoding]).toEqual([
      415,
      'gzip, deflate, br',
      'zstd',
    ]);
    // Stacked layers each inflate up to the cap: three are refused before any is decoded.
    const stacked = await send(gzipSync(gzipSync(gzipSync(text))), {
      'content-type': 'application/json',
      'content-encoding': 'gzip, gzip, gzip',
    });
    expect([stacked.status, problem(stacked).detail]).toEqual([
      415,
      'Content-Encoding lists 3 codings: send at most 2 (e.g. "br, gzip")',
    ]);
    const corrupt = await send(new Uint8Array([0x1f, 0x8b, 1, 2, 3]), { 'content-encoding': 'gzip' });
    expect([corrupt.status, problem(corrupt).detail]).toEqual([
      400,
      'Request body is not valid gzip (unknown compression method), as its Content-Encoding says',
    ]);
  });

  it('answers 413 for a small compressed body that inflates past the cap', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    expect(bomb.byteLength).toBeLessThan(16 * 1024);
    const res = await send(bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect([res.status, problem(res).code]).toEqual([413, 'payload_too_large']);
  });

  it('answers 415 for a text body in a charset the runtime does not know, and reads latin-1 as declared', async () => {
    const unknown = await send('a,b', { 'content-type': 'text/csv; charset=x-unknown' }, csv);
    expect([unknown.status, problem(unknown).charset]).toEqual([415, 'x-unknown']);
    const latin1 = await send(
      new Uint8Array([0x63, 0x61, 0x66, 0xe9]),
      { 'content-type': 'text/csv; charset=latin1' },
      csv,
    );
    expect(latin1.jsonBody).toEqual({ text: 'café' });
  });

  it('answers 400 naming a name given twice in one object and both places, which JSON.parse would hide', async () => {
    const res = await send('{"name": "first",\n "name": "second"}', { 'content-type': 'application/json' });
    expect([res.status, problem(res).detail]).toEqual([
      400,
      'Request body gives the name "name" twice in one object, at line 1, column 2 and line 2, column 2: send each name once (RFC 7493), as parsers disagree on which one counts',
    ]);
    expect(findDuplicateKey('{"a": 1, "b": {"a": 2}, "a": 3}')).toEqual({ key: 'a', first: 1, second: 24 });
    expect(findDuplicateKey('{"a": 1, "\\u0061": 2}')).toMatchObject({ key: 'a' });
    // The same name in sibling or nested objects, and strings that look like names, are no duplicate.
    expect(findDuplicateKey('[{"a": 1}, {"a": 2}, {"b": {"a": [{"a": 3}]}, "a": "a"}]')).toBeUndefined();
    expect(findDuplicateKey('{"a": "x\\"y", "b": ["a", "a"], "c": {}}')).toBeUndefined();
  });
});
