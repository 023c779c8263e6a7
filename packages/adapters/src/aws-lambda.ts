// AWS Lambda: API Gateway HTTP API (payload 2.0) and Function URL events, response streaming, EventBridge schedules.
import { dispatchHttp, isTextual, readBody, type AdapterResponse } from './http-dispatch.ts';
import { loadFunctionApp, type LoadFunctionAppOptions } from './function-app.ts';
import { runTimer, type TimerOutcome } from './timer-dispatch.ts';

/**
 * The request event of an API Gateway HTTP API (payload format 2.0) and of a Lambda Function URL (the same
 * format). Only the fields the adapter reads; see "Working with AWS Lambda proxy integrations for HTTP APIs".
 */
export interface LambdaHttpEvent {
  version: '2.0';
  rawPath: string;
  rawQueryString: string;
  /** Lower-case names; repeated headers arrive comma-joined. Cookies are not here but in `cookies`. */
  headers?: Record<string, string | undefined>;
  cookies?: string[];
  body?: string;
  isBase64Encoded: boolean;
  requestContext: { domainName: string; http: { method: string; path: string; sourceIp?: string } };
}

/** A payload 2.0 response; `cookies` become Set-Cookie headers. */
export interface LambdaHttpResult {
  statusCode: number;
  headers: Record<string, string>;
  cookies?: string[];
  body: string;
  isBase64Encoded: boolean;
}

/**
 * What an EventBridge Scheduler schedule (SAM `ScheduleV2`) or an EventBridge rule sends to run a timer: the
 * package's template sets the schedule's input to `{"suiteTimer": "<function name>"}`; a rule's `Scheduled
 * Event` carries it in `detail`.
 */
export type LambdaScheduleEvent =
  { suiteTimer: string } | { 'detail-type': string; detail: { suiteTimer: string } };

/** The `awslambda` global of the Node.js runtime, as far as response streaming uses it. */
export interface AwsLambdaGlobal {
  streamifyResponse<E>(
    handler: (event: E, responseStream: NodeJS.WritableStream, context: unknown) => Promise<void>,
  ): unknown;
  HttpResponseStream: {
    from(
      stream: NodeJS.WritableStream,
      prelude: { statusCode: number; headers?: Record<string, string>; cookies?: string[] },
    ): NodeJS.WritableStream;
  };
}

const isHttpEvent = (event: unknown): event is LambdaHttpEvent =>
  typeof event === 'object' &&
  event !== null &&
  (event as { version?: unknown }).version === '2.0' &&
  typeof (event as { requestContext?: { http?: unknown } }).requestContext?.http === 'object';

/** The timer a scheduler event names, or undefined when the event is not one. */
export function scheduledTimerName(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const direct = (event as { suiteTimer?: unknown }).suiteTimer;
  if (typeof direct === 'string') return direct;
  const detail = (event as { detail?: { suiteTimer?: unknown } }).detail;
  return typeof detail?.suiteTimer === 'string' ? detail.suiteTimer : undefined;
}

/** Payload 2.0 as the platform-neutral request: host from the request context, cookies back into one header. */
export function fromLambdaEvent(event: LambdaHttpEvent) {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers[key.toLowerCase()] = value;
  }
  if (event.cookies?.length) headers.cookie = event.cookies.join('; ');
  const host = headers.host ?? event.requestContext.domainName;
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  const body =
    event.body === undefined || event.body === null
      ? undefined
      : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  return {
    method: event.requestContext.http.method,
    url: `https://${host}${event.rawPath}${query}`,
    headers,
    body,
  };
}

async function toLambdaResult(response: AdapterResponse): Promise<LambdaHttpResult> {
  const bytes = await readBody(response.body);
  const text = isTextual(response.headers['content-type']);
  return {
    statusCode: response.status,
    headers: response.headers,
    ...(response.cookies.length > 0 ? { cookies: response.cookies } : {}),
    body: bytes.toString(text ? 'utf8' : 'base64'),
    isBase64Encoded: !text && bytes.length > 0,
  };
}

function unsupported(event: unknown): Error {
  const keys = typeof event === 'object' && event !== null ? Object.keys(event).join(', ') : typeof event;
  return new Error(`Unsupported Lambda event (keys: ${keys}): expected payload 2.0 or {"suiteTimer": name}`);
}

/**
 * The buffered handler (`lambda.handler`): API Gateway HTTP API and Function URL (invoke mode BUFFERED) requests,
 * and scheduler events for timers. The app loads on the first event and stays loaded for the warm instance.
 * @example export const handler = createLambdaHandler({ entry: fileURLToPath(new URL('dist/index.js', import.meta.url)) });
 */
export function createLambdaHandler(options: LoadFunctionAppOptions) {
  return async (event: unknown): Promise<LambdaHttpResult | TimerOutcome> => {
    const app = await loadFunctionApp(options);
    if (isHttpEvent(event)) return toLambdaResult(await dispatchHttp(app, fromLambdaEvent(event)));
    const timer = scheduledTimerName(event);
    if (timer !== undefined) return runTimer(app, timer);
    throw unsupported(event);
  };
}

/**
 * The streaming handler (`lambda.streamHandler`) for a Function URL with invoke mode RESPONSE_STREAM: status and
 * headers go out first (`HttpResponseStream.from`), then each chunk as the function writes it, so the chatbot's
 * server-sent events reach the client as they happen. Needs the runtime's `awslambda` global.
 */
export function createLambdaStreamingHandler(options: LoadFunctionAppOptions, runtime: AwsLambdaGlobal) {
  return runtime.streamifyResponse(async (event: unknown, responseStream: NodeJS.WritableStream) => {
    const app = await loadFunctionApp(options);
    if (!isHttpEvent(event)) throw unsupported(event);
    const response = await dispatchHttp(app, fromLambdaEvent(event));
    const stream = runtime.HttpResponseStream.from(responseStream, {
      statusCode: response.status,
      headers: response.headers,
      ...(response.cookies.length > 0 ? { cookies: response.cookies } : {}),
    });
    try {
      if (response.body) {
        for await (const chunk of response.body) {
          if (!stream.write(chunk)) await new Promise((resolve) => stream.once('drain', resolve));
        }
      }
    } finally {
      stream.end();
    }
  });
}
