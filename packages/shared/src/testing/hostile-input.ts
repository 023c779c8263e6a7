// Seeded generators of hostile request parts (bodies, path segments, query values, headers) for the fuzz harness.
import type { Rng } from '../ml/rng.ts';

/** A request body to send: bytes or text, and the content type it claims. */
export interface HostileBody {
  kind: string;
  body: string | Uint8Array | undefined;
  contentType: string | undefined;
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.nextInt(items.length)] as T;

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '\u202e\u0007',
  '../../etc/passwd',
  "'; DROP TABLE x; --",
  '<script>alert(1)</script>',
  '%s%n%x',
  '9'.repeat(400),
  'é'.repeat(300),
  '𝕏'.repeat(100),
];
const ODD_NUMBERS = [0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.1, -0, 1e-320, 4294967296];

/** A random JSON value of bounded depth and size, with odd strings and numbers in it. */
export function randomJson(rng: Rng, depth = 0): unknown {
  const roll = rng.nextInt(depth > 3 ? 6 : 9);
  switch (roll) {
    case 0:
      return null;
    case 1:
      return rng.next() < 0.5;
    case 2:
      return pick(rng, ODD_NUMBERS);
    case 3:
      return rng.nextInt(1000) - 100;
    case 4:
    case 5:
      return pick(rng, ODD_STRINGS);
    case 6:
      return Array.from({ length: rng.nextInt(5) }, () => randomJson(rng, depth + 1));
    default: {
      const keys = [
        'id',
        'userId',
        'itemId',
        'series',
        'value',
        'timestamp',
        'message',
        'sessionId',
        'records',
        'rows',
        'k',
        'x',
      ];
      const out: Record<string, unknown> = {};
      for (let i = rng.nextInt(5); i > 0; i--)
        out[pick(rng, [...keys, ...ODD_STRINGS])] = randomJson(rng, depth + 1);
      return out;
    }
  }
}

/** JSON text with lone surrogates and NULs written as escapes (what JSON.stringify would not produce). */
function escapedNasties(rng: Rng): string {
  return pick(rng, [
    '{"message":"\\u0000","sessionId":"\\ud800","series":"a\\udc00","value":1}',
    '[{"series":"\\u0000","timestamp":"2024-01-01T00:00:00Z","value":1}]',
    '{"records":[{"userId":"\\ud83d","itemId":1}]}',
    '{"\\u0000":1}',
  ]);
}

/** One hostile body, chosen by `rng`; `cap` is about the largest body the app accepts (bigger ones test the cap). */
export function hostileBody(rng: Rng, cap = 1024 * 1024): HostileBody {
  const json = 'application/json';
  switch (rng.nextInt(14)) {
    case 0:
      return { kind: 'deep-array', body: '['.repeat(20_000) + ']'.repeat(20_000), contentType: json };
    case 1:
      return {
        kind: 'deep-object',
        body: '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000),
        contentType: json,
      };
    case 2:
      return rng.nextInt(20) === 0
        ? { kind: 'huge', body: 'x'.repeat(cap + 1024), contentType: json }
        : {
            kind: 'big-array',
            body: JSON.stringify(Array.from({ length: 5_000 }, (_, i) => ({ id: i, value: i }))),
            contentType: json,
          };
    case 3:
      return {
        kind: 'malformed',
        body: pick(rng, ['{', '{"a":}', '[1,,2]', 'nul', '"unterminated', '{"a":1}{']),
        contentType: json,
      };
    case 4:
      return {
        kind: 'invalid-utf8',
        body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
        contentType: json,
      };
    case 5:
      return { kind: 'escaped-nasties', body: escapedNasties(rng), contentType: json };
    case 6:
      return { kind: 'empty', body: undefined, contentType: rng.next() < 0.5 ? json : undefined };
    case 7:
      return {
        kind: 'wrong-type',
        body: JSON.stringify(pick(rng, [null, 1, 'text', [], true, [[[]]]])),
        contentType: json,
      };
    case 8:
      return {
        kind: 'csv',
        body: pick(rng, ['a,b\n1,2\n', 'userId,itemId,rating\n1,2,\u0000\n', 'id\n' + '"'.repeat(50)]),
        contentType: pick(rng, ['text/csv', 'text/plain', json]),
      };
    case 9:
      return {
        kind: 'odd-content-type',
        body: JSON.stringify(randomJson(rng)),
        contentType: pick(rng, [
          'text/plain',
          'application/xml',
          'multipart/form-data; boundary=x',
          '*/*',
          'application/json; charset=latin1',
        ]),
      };
    default:
      return { kind: 'random-json', body: JSON.stringify(randomJson(rng)), contentType: json };
  }
}

/** A value for one route parameter: mostly plausible, sometimes hostile (already URL-encoded). */
export function hostileSegment(rng: Rng): string {
  return pick(rng, [
    '1',
    '42',
    'cpu',
    'alice',
    'ratings',
    'items',
    'users',
    'x',
    '0',
    '-1',
    '999999999999999999999',
    '%00',
    '%ED%A0%80',
    '%F0%9F%98%80',
    '..%2F..',
    'a'.repeat(300),
    '%25',
    'null',
    'true',
    '1e309',
    ' ',
    '%0A',
  ]);
}

/** A query string (without `?`) of a few random parameters. */
export function hostileQuery(rng: Rng): string {
  const names = ['k', 'from', 'to', 'limit', 'format', 'days', 'since', 'x'];
  const values = [
    '10',
    '-1',
    '0',
    '1e309',
    'NaN',
    'abc',
    '%00',
    '%ED%A0%80',
    '2024-13-45',
    '',
    'csv',
    'json',
    '1000000',
  ];
  const parts: string[] = [];
  for (let i = rng.nextInt(4); i > 0; i--) parts.push(`${pick(rng, names)}=${pick(rng, values)}`);
  return parts.join('&');
}

/** A few random extra headers (values fetch can send: printable ASCII). */
export function hostileHeaders(rng: Rng): Record<string, string> {
  const headers: Record<string, string> = {};
  if (rng.next() < 0.3)
    headers['x-request-id'] = pick(rng, ['ok-1', 'a b', 'x'.repeat(500), '../../', '%00']);
  if (rng.next() < 0.08) headers['x-admin-key'] = pick(rng, ['wrong', '', 'x'.repeat(1000)]);
  if (rng.next() < 0.2) headers['accept'] = pick(rng, ['text/event-stream', '*/*', 'application/xml']);
  if (rng.next() < 0.2) headers['x-forwarded-for'] = pick(rng, ['127.0.0.1', '::1', 'garbage']);
  if (rng.next() < 0.1) headers['content-length-x'] = String(rng.nextInt(1e9));
  return headers;
}
