// Requests as each platform delivers them to a function, per its documented event shapes.
import type { LambdaHttpEvent } from '../aws-lambda.ts';
import type { FcHttpEvent } from '../aliyun-fc.ts';

/** One HTTP request, platform-neutral, as the conformance cases write it. */
export interface PlainRequest {
  method: string;
  /** Path and query, e.g. `/api/items/7?q=x`. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

function split(path: string): { rawPath: string; rawQuery: string } {
  const at = path.indexOf('?');
  return at < 0
    ? { rawPath: path, rawQuery: '' }
    : { rawPath: path.slice(0, at), rawQuery: path.slice(at + 1) };
}

function lowerHeaders(headers: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function encodeBody(body: string | Uint8Array | undefined): { body?: string; isBase64Encoded: boolean } {
  if (body === undefined) return { isBase64Encoded: false };
  if (typeof body === 'string') return { body, isBase64Encoded: false };
  return { body: Buffer.from(body).toString('base64'), isBase64Encoded: true };
}

/**
 * A Function URL / API Gateway HTTP API payload 2.0 event: cookies split out of the headers, text bodies as they
 * are and binary ones base64-encoded (as API Gateway does for a binary media type).
 */
export function toLambdaEvent(
  request: PlainRequest,
  domainName = 'abc123.lambda-url.eu-west-1.on.aws',
): LambdaHttpEvent {
  const { rawPath, rawQuery } = split(request.path);
  const headers: Record<string, string> = { host: domainName, ...lowerHeaders(request.headers) };
  const cookies = headers.cookie?.split(/;\s*/);
  delete headers.cookie;
  return {
    version: '2.0',
    rawPath,
    rawQueryString: rawQuery,
    headers,
    ...(cookies ? { cookies } : {}),
    ...encodeBody(request.body),
    requestContext: {
      domainName,
      http: { method: request.method, path: rawPath, sourceIp: '203.0.113.7' },
    },
  };
}

/** An FC 3.0 HTTP trigger event, as the JSON bytes the runtime hands an event handler. */
export function toFcEvent(request: PlainRequest, domainName = 'suite-abc.cn-hangzhou.fcapp.run'): Buffer {
  const { rawPath, rawQuery } = split(request.path);
  const queryParameters: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    queryParameters[key] = key in queryParameters ? `${queryParameters[key]},${value}` : value;
  }
  const event: FcHttpEvent = {
    version: 'v1',
    rawPath,
    ...encodeBody(request.body),
    headers: { host: domainName, ...lowerHeaders(request.headers) },
    queryParameters,
    requestContext: { domainName, http: { method: request.method, path: rawPath } },
  };
  return Buffer.from(JSON.stringify(event));
}
