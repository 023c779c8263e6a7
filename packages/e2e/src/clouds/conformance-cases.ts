// The HTTP conformance cases every cloud target answers exactly as Azure (the deploy package on suite-host) does.
import type { PlainRequest, PlainResponse } from '@suite/adapters/testing';

/** How two answers must agree: byte for byte after masking ids and times, or in status and JSON shape only. */
export type Agreement = 'exact' | 'shape';

/** One case: a request, and how its answer on a target is compared with Azure's. */
export interface ConformanceCase {
  name: string;
  request: PlainRequest;
  agreement: Agreement;
  /** Targets that answer this case differently by design (documented in @suite/adapters' README). */
  differsOn?: Partial<Record<string, string>>;
  /** What Azure itself must answer (status, and a pattern of the body), besides every target agreeing with it. */
  expected?: { status: number; body: RegExp };
}

export const ADMIN_KEY = 'conformance-admin-key';

const json = (body: unknown) => ({ 'content-type': 'application/json', body: JSON.stringify(body) });
const req = (
  method: string,
  path: string,
  extra: { headers?: Record<string, string>; body?: string } = {},
  n = 0,
): PlainRequest => ({
  method,
  path,
  headers: { 'x-request-id': `conformance-${n}`, ...extra.headers },
  ...(extra.body !== undefined ? { body: extra.body } : {}),
});

/**
 * Cases every app answers: health, the router's 404 (GET and POST) / 405, an admin endpoint without its key, a
 * cross-site write.
 */
export function smokeCases(): ConformanceCase[] {
  return [
    { name: 'health', request: req('GET', '/api/health', {}, 1), agreement: 'shape' },
    {
      name: 'unknown API route (404 problem)',
      request: req('GET', '/api/no-such-route/x', {}, 2),
      agreement: 'exact',
    },
    {
      // The console's GET {*path} route matches every path: a POST must still be a 404 naming it, not a 405.
      name: 'POST to an unknown path (404 problem naming it)',
      request: req(
        'POST',
        '/api/no-such-route/x',
        { headers: { 'content-type': 'application/json' }, body: '{"x":1}' },
        5,
      ),
      agreement: 'exact',
      expected: {
        status: 404,
        body: /^(?=.*"code":"not_found")(?=.*"detail":"No function serves \/api\/no-such-route\/x")/,
      },
    },
    { name: 'wrong method (405 + allow)', request: req('DELETE', '/api/health', {}, 3), agreement: 'exact' },
    {
      name: 'API keys admin without the admin key (problem)',
      request: req('GET', '/api/apikeys', {}, 4),
      agreement: 'exact',
    },
    {
      name: 'a write a browser sends from another site (403 problem naming the origin)',
      request: req(
        'POST',
        '/api/apikeys',
        {
          headers: {
            origin: 'https://attacker.example',
            'sec-fetch-site': 'cross-site',
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: '{"client":"forged"}',
        },
        6,
      ),
      agreement: 'exact',
      expected: {
        status: 403,
        body: /^(?=.*"code":"cross_origin_request")(?=.*"origin":"https:\/\/attacker\.example")/,
      },
    },
  ];
}

/** The recommender, fully: validation errors, malformed JSON, admin import, cold-start answers, the console page. */
export function recommenderCases(): ConformanceCase[] {
  const { body: badEvent, ...badEventHeaders } = json({ userId: 'x', itemId: -1, type: 'teleport' });
  return [
    ...smokeCases(),
    {
      name: 'a write without a key (401 problem)',
      request: req('POST', '/api/events', { headers: badEventHeaders, body: badEvent }, 18),
      agreement: 'exact',
    },
    { name: 'API document', request: req('GET', '/api/openapi.json', {}, 10), agreement: 'exact' },
    {
      name: 'recommendations, bad k (400 problem)',
      request: req('GET', '/api/users/1/recommendations?k=abc', {}, 11),
      agreement: 'exact',
    },
    {
      name: 'recommendations before any model',
      request: req('GET', '/api/users/1/recommendations?k=5', {}, 12),
      agreement: 'exact',
    },
    {
      name: 'event with invalid fields (400 problem naming them)',
      request: req(
        'POST',
        '/api/events',
        { headers: { ...badEventHeaders, 'x-admin-key': ADMIN_KEY }, body: badEvent },
        13,
      ),
      agreement: 'exact',
    },
    {
      name: 'malformed JSON (400 problem)',
      request: req(
        'POST',
        '/api/events',
        { headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY }, body: '{"userId": 1,' },
        14,
      ),
      agreement: 'exact',
      differsOn: {
        gcp: 'the Functions Framework answers a body that does not parse before the function runs',
      },
    },
    {
      name: 'train without the admin key',
      request: req('POST', '/api/train', json({}), 15),
      agreement: 'exact',
    },
    {
      name: 'admin rating import (TSV)',
      request: req(
        'POST',
        '/api/ratings/import?format=tsv',
        {
          headers: { 'x-admin-key': ADMIN_KEY, 'content-type': 'text/csv' },
          body: '1\t10\t5\t881250949\n2\t10\t3\t881250950\n2\tx\t3\t1\n',
        },
        16,
      ),
      agreement: 'exact',
    },
    { name: 'console page', request: req('GET', '/', {}, 17), agreement: 'exact' },
  ];
}

const VOLATILE = [
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi,
  /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g,
  /"(durationMs|elapsedMs|ms|uptimeSeconds|coldStartMs)":\s*[\d.]+/g,
  // Model version ids (publish time + random suffix): each target trained its own.
  /\d{8}T\d{9}Z-[0-9a-f]{6}/g,
  // The chatbot's signed session token (random per session).
  /"sessionToken":"[^"]+"/g,
];

/** The body with ids, times and durations masked, for `exact` agreement. */
export function maskBody(body: Buffer): string {
  let text = body.toString('utf8');
  for (const pattern of VOLATILE)
    text = text.replace(pattern, (m) =>
      m.startsWith('"sessionToken"')
        ? '"sessionToken":"X"'
        : m.startsWith('"')
          ? m.replace(/[\d.]+$/, 'N')
          : 'X',
    );
  return text;
}

/** The JSON shape: keys and value types, recursively (arrays by their first element). */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [shapeOf(value[0])] : [];
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .map(([k, v]) => [k, shapeOf(v)])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  return typeof value;
}

/** What a target's answer must share with Azure's for `agreement`. */
export function comparable(response: PlainResponse, agreement: Agreement) {
  const type = response.headers['content-type'] ?? '';
  const isJson = /json/.test(type);
  return {
    status: response.status,
    contentType: type,
    allow: response.headers.allow,
    body:
      agreement === 'shape' && isJson
        ? shapeOf(JSON.parse(response.body.toString('utf8')))
        : maskBody(response.body),
  };
}

/** The chatbot: the smoke cases, and a chat turn as server-sent events (trained on first use from the demo base). */
export function chatbotCases(): ConformanceCase[] {
  const turn = json({ message: 'I lost my card, what should I do?' });
  const { body: turnBody, ...turnHeaders } = turn;
  return [
    ...smokeCases(),
    {
      name: 'chat turn as server-sent events',
      request: req('POST', '/api/chat/stream', { headers: turnHeaders, body: turnBody }, 20),
      agreement: 'exact',
    },
    {
      name: 'chat turn without a message (400 problem)',
      request: req('POST', '/api/chat/stream', { headers: turnHeaders, body: '{}' }, 21),
      agreement: 'exact',
    },
  ];
}
