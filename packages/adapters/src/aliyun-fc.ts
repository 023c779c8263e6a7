// Alibaba Cloud Function Compute 3.0: the event handler of an HTTP trigger, and timer triggers, on one function.
import { dispatchHttp, isTextual, readBody } from './http-dispatch.ts';
import { loadFunctionApp, type LoadFunctionAppOptions } from './function-app.ts';
import { runTimer, type TimerOutcome } from './timer-dispatch.ts';

/**
 * The event an FC 3.0 HTTP trigger hands an event handler (as JSON bytes), per "HTTP trigger event format":
 * `rawPath`, `headers` and `queryParameters` (a repeated name arrives once, its values comma-joined), `body`
 * (base64 when `isBase64Encoded`) and `requestContext.http`.
 */
export interface FcHttpEvent {
  version: 'v1';
  rawPath: string;
  headers?: Record<string, string>;
  queryParameters?: Record<string, string | string[]>;
  body?: string;
  isBase64Encoded: boolean;
  requestContext: { domainName?: string; http: { method: string; path: string } };
}

/** The response an event handler returns to an HTTP trigger. */
export interface FcHttpResult {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: string;
  isBase64Encoded: boolean;
}

/** A timer trigger's event: `payload` is the trigger's configured text, `{"suiteTimer": "<function name>"}`. */
export interface FcTimerEvent {
  triggerTime: string;
  triggerName: string;
  payload: string;
}

function parseEvent(event: unknown): unknown {
  // FC passes the event as a Buffer of JSON; accept an already-parsed object too (local invokes, tests).
  if (Buffer.isBuffer(event) || event instanceof Uint8Array)
    return JSON.parse(Buffer.from(event).toString('utf8'));
  if (typeof event === 'string') return JSON.parse(event);
  return event;
}

const isHttpEvent = (event: unknown): event is FcHttpEvent =>
  typeof event === 'object' &&
  event !== null &&
  typeof (event as FcHttpEvent).rawPath === 'string' &&
  typeof (event as FcHttpEvent).requestContext?.http === 'object';

const isTimerEvent = (event: unknown): event is FcTimerEvent =>
  typeof event === 'object' &&
  event !== null &&
  typeof (event as FcTimerEvent).triggerName === 'string' &&
  'triggerTime' in event;

function timerName(event: FcTimerEvent): string {
  let payload: unknown;
  try {
    payload = JSON.parse(event.payload);
  } catch {
    payload = undefined;
  }
  const name = (payload as { suiteTimer?: unknown } | undefined)?.suiteTimer;
  if (typeof name !== 'string') {
    throw new Error(`Timer trigger ${event.triggerName}: payload must be {"suiteTimer": "<function name>"}`);
  }
  return name;
}

function toQueryString(params: Record<string, string | string[]> | undefined): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) search.append(key, one);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * The FC 3.0 handler (`fc.handler`): HTTP trigger events answer with `{statusCode, headers, body,
 * isBase64Encoded}`; timer trigger events run the timer the payload names.
 * @example export const handler = createFcHandler({ entry: fileURLToPath(new URL('dist/index.js', import.meta.url)) });
 */
export function createFcHandler(options: LoadFunctionAppOptions) {
  return async (rawEvent: unknown): Promise<FcHttpResult | TimerOutcome> => {
    const event = parseEvent(rawEvent);
    const app = await loadFunctionApp(options);
    if (isTimerEvent(event)) return runTimer(app, timerName(event));
    if (!isHttpEvent(event)) throw new Error('Unsupported FC event: expected an HTTP trigger or timer event');
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(event.headers ?? {})) headers[key.toLowerCase()] = value;
    const host = headers.host ?? event.requestContext.domainName ?? 'localhost';
    const response = await dispatchHttp(app, {
      method: event.requestContext.http.method,
      url: `https://${host}${event.rawPath}${toQueryString(event.queryParameters)}`,
      headers,
      body: event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : undefined,
    });
    const bytes = await readBody(response.body);
    const text = isTextual(response.headers['content-type']);
    return {
      statusCode: response.status,
      headers:
        response.cookies.length > 0
          ? { ...response.headers, 'set-cookie': response.cookies }
          : response.headers,
      body: bytes.toString(text ? 'utf8' : 'base64'),
      isBase64Encoded: !text && bytes.length > 0,
    };
  };
}
