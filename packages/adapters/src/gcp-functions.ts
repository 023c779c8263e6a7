// Google Cloud Functions 2nd gen / Cloud Run functions: one HTTP function (Functions Framework) serves every route,
// and Cloud Scheduler's HTTP jobs run the timers on a reserved path.
import { timingSafeEqual } from 'node:crypto';
import { dispatchHttp } from './http-dispatch.ts';
import { loadFunctionApp, type LoadFunctionAppOptions } from './function-app.ts';
import { runTimer, UnknownTimerError } from './timer-dispatch.ts';

/** The Express request the Functions Framework passes, as far as the adapter reads it. */
export interface GcpRequest {
  method: string;
  /** Path and query as received. */
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
  /** The body's bytes, kept by the framework's body parsers (absent when there was none). */
  rawBody?: Buffer;
  protocol: string;
}

/** The Express response, as far as the adapter writes it. */
export interface GcpResponse {
  statusCode: number;
  setHeader(name: string, value: string | string[]): unknown;
  flushHeaders(): void;
  write(chunk: Uint8Array): boolean;
  end(chunk?: string): unknown;
  once(event: 'drain', listener: () => void): unknown;
  headersSent: boolean;
  destroy(error?: Error): unknown;
}

/** Cloud Scheduler jobs POST here (`/_suite/timers/<function name>`), with the admin key in `x-admin-key`. */
export const GCP_TIMER_PATH = /^\/_suite\/timers\/([^/?]+)$/;

function sendProblem(res: GcpResponse, status: number, title: string, detail: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/problem+json');
  res.setHeader('x-content-type-options', 'nosniff');
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
}

const sameKey = (given: string | undefined, expected: string | undefined): boolean =>
  !!given &&
  !!expected &&
  given.length === expected.length &&
  timingSafeEqual(Buffer.from(given), Buffer.from(expected));

async function serveTimer(options: LoadFunctionAppOptions, name: string, req: GcpRequest, res: GcpResponse) {
  const key = req.headers['x-admin-key'];
  if (req.method !== 'POST' || !sameKey(Array.isArray(key) ? key[0] : key, process.env.ADMIN_KEY)) {
    // Without ADMIN_KEY nobody may run timers over HTTP: the function URL is public.
    sendProblem(res, 403, 'Forbidden', 'Timers run on POST with the admin key in x-admin-key');
    return;
  }
  const app = await loadFunctionApp(options);
  try {
    const outcome = await runTimer(app, decodeURIComponent(name));
    res.statusCode = 200;
    res.setHeader('content-type', 'application/json');
    res.setHeader('x-content-type-options', 'nosniff');
    res.end(JSON.stringify(outcome));
  } catch (error) {
    if (error instanceof UnknownTimerError) sendProblem(res, 404, 'Not Found', error.message);
    // A failed run is a 500, so Cloud Scheduler records it and retries by the job's retry config.
    else
      sendProblem(res, 500, 'Internal Server Error', error instanceof Error ? error.message : String(error));
  }
}

/**
 * The HTTP function (`--target=suite --signature-type=http`): routes with the app's own route templates and
 * writes the answer chunk by chunk (Cloud Run functions stream responses), so server-sent events flow.
 * @example export const suite = createGcpHttpFunction({ entry: fileURLToPath(new URL('dist/index.js', import.meta.url)) });
 */
export function createGcpHttpFunction(options: LoadFunctionAppOptions) {
  return async (req: GcpRequest, res: GcpResponse): Promise<void> => {
    const path = req.originalUrl.split('?')[0] ?? '/';
    const timer = GCP_TIMER_PATH.exec(path);
    if (timer) return serveTimer(options, timer[1]!, req, res);
    const app = await loadFunctionApp(options);
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
    }
    const response = await dispatchHttp(app, {
      method: req.method,
      url: `${req.protocol}://${headers.host ?? 'localhost'}${req.originalUrl}`,
      headers,
      body: req.rawBody,
    });
    res.statusCode = response.status;
    for (const [key, value] of Object.entries(response.headers)) res.setHeader(key, value);
    if (response.cookies.length > 0) res.setHeader('set-cookie', response.cookies);
    if (!response.body) {
      res.end();
      return;
    }
    res.flushHeaders();
    try {
      for await (const chunk of response.body) {
        if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve));
      }
      res.end();
    } catch (error) {
      res.destroy(error instanceof Error ? error : undefined);
    }
  };
}
