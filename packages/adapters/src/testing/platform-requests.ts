// Requests to a started target: plain HTTP (Azure, GCP), or an event through the local invoke API (AWS, FC), buffered
// or streamed, each answer as one plain response.
import { PRELUDE_DELIMITER } from './aws-lambda-global.mjs';
import type { PlainRequest } from './platform-events.ts';

/** An HTTP answer, whatever the platform's response shape was. */
export interface PlainResponse {
  status: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

/** Sends `request` over HTTP to `base`. */
export async function fetchPlain(base: string, request: PlainRequest): Promise<PlainResponse> {
  const send = () =>
    fetch(`${base}${request.path}`, {
      method: request.method,
      headers: request.headers,
      body: request.body as RequestInit['body'],
    });
  let response: Response;
  try {
    response = await send();
  } catch (error) {
    // A kept-alive connection the server closed as the request left (its event loop was busy past its keep-alive
    // timeout): a GET is safe to send again, as HTTP clients do.
    if (request.method !== 'GET' || (error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET')
      throw error;
    response = await send();
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie') headers[key] = value;
  });
  return {
    status: response.status,
    headers,
    cookies: response.headers.getSetCookie(),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

/** A handler's answer to an HTTP event (API Gateway v2 / FC shape). */
interface EventResult {
  statusCode: number;
  headers?: Record<string, string>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}

/** Invokes the function through the local invoke API; a function error throws. */
export async function invoke(url: string, payload: string | Buffer): Promise<EventResult> {
  const response = await fetch(url, { method: 'POST', body: payload });
  const text = await response.text();
  if (response.headers.get('x-amz-function-error')) throw new Error(`function error: ${text}`);
  return JSON.parse(text) as EventResult;
}

/** A handler's event answer as a plain response. */
export const fromEventResult = (result: EventResult): PlainResponse => ({
  status: result.statusCode,
  headers: Object.fromEntries(Object.entries(result.headers ?? {}).filter(([k]) => k !== 'set-cookie')),
  cookies: result.cookies ?? [],
  body: Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8'),
});

/** Invokes the streaming handler and splits its HTTP prelude from the streamed body. */
export async function streamInvoke(url: string, payload: string): Promise<PlainResponse> {
  const bytes = Buffer.from(await (await fetch(url, { method: 'POST', body: payload })).arrayBuffer());
  const at = bytes.indexOf(Buffer.from(PRELUDE_DELIMITER));
  if (at < 0) throw new Error(`no HTTP prelude in the stream: ${bytes.subarray(0, 200).toString()}`);
  const prelude = JSON.parse(bytes.subarray(0, at).toString()) as EventResult;
  return {
    ...fromEventResult({ ...prelude, body: '' }),
    body: bytes.subarray(at + PRELUDE_DELIMITER.length),
  };
}
