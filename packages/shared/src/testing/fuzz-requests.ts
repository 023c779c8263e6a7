// A seeded fuzz run against a running app: thousands of hostile requests (nested, huge, wrong types, NUL, lone
// surrogates, odd headers, with and without keys); any 5xx, any request without an answer, is a finding.
import { createRng } from '../ml/rng.ts';
import { hostileBody, hostileHeaders, hostileQuery, hostileSegment } from './hostile-input.ts';
import { loopTimeSignal } from './loop-time-signal.ts';

/** An HTTP route of the app as the host lists it: `users/{id}/recommendations`, its methods. */
export interface FuzzRoute {
  route: string;
  methods: string[];
}

/** Options of {@link fuzzRequests}. */
export interface FuzzOptions {
  /** The app's base URL, e.g. `http://127.0.0.1:7072`. */
  baseUrl: string;
  /** Path prefix of HTTP routes; default `/api`. */
  prefix?: string;
  routes: FuzzRoute[];
  /** How many requests; default 2000. */
  count?: number;
  seed?: number;
  /** Requests in flight at once; default 8. */
  concurrency?: number;
  /**
   * A request with no complete answer within this is a hang; default 20000 ms, counted while the event loop runs
   * (an app served in this process and blocking the loop with its own work is slow, not hung).
   */
  timeoutMs?: number;
  /** Valid API keys sent on some requests (others go without, or with a made-up one). */
  apiKeys?: string[];
  /** Routes never requested (e.g. training: one call costs more than the whole run). */
  skip?: (route: FuzzRoute, method: string) => boolean;
  /** Largest body the app accepts, to aim the huge bodies just past it; default 1 MiB. */
  maxBodyBytes?: number;
}

/** A request that got a 5xx or no answer. */
export interface FuzzFinding {
  method: string;
  path: string;
  kind: string;
  outcome: string;
  detail?: string;
}

/** What the run saw. */
export interface FuzzReport {
  requests: number;
  byStatus: Record<string, number>;
  findings: FuzzFinding[];
}

/** Fill each `{param...}` of a route template with a generated segment. */
function fillRoute(template: string, next: () => string): string {
  return template.replace(/\{[^}]+\}/g, () => next());
}

/**
 * Send `count` generated requests to the app (seeded: the same seed sends the same requests) and report the status
 * counts and every finding: a status of 500 or more, a network error, or no full answer within `timeoutMs`.
 *
 * @example
 * const report = await fuzzRequests({ baseUrl: host.url, routes, count: 2000, seed: 1 });
 * expect(report.findings).toEqual([]);
 */
export async function fuzzRequests(options: FuzzOptions): Promise<FuzzReport> {
  const rng = createRng(options.seed ?? 1);
  const count = options.count ?? 2000;
  const prefix = options.prefix ?? '/api';
  const timeoutMs = options.timeoutMs ?? 20_000;
  const targets = options.routes.flatMap((r) =>
    (r.methods.length > 0 ? r.methods : ['GET', 'POST']).map((method) => ({ route: r, method })),
  );
  const usable = targets.filter((t) => !options.skip?.(t.route, t.method));
  if (usable.length === 0) throw new Error('no route left to fuzz');
  // Generated up front, in order, so the seed alone decides the requests whatever the timing.
  const plans = Array.from({ length: count }, () => {
    const target = usable[rng.nextInt(usable.length)]!;
    const method = rng.next() < 0.05 ? 'PATCH' : target.method;
    const query = hostileQuery(rng);
    const path = `${prefix}/${fillRoute(target.route.route, () => hostileSegment(rng))}${query ? `?${query}` : ''}`;
    const withBody = method !== 'GET' && method !== 'HEAD';
    const body = withBody ? hostileBody(rng, options.maxBodyBytes) : undefined;
    const headers = hostileHeaders(rng);
    const keyRoll = rng.next();
    if (options.apiKeys && options.apiKeys.length > 0 && keyRoll < 0.85)
      headers['x-api-key'] = options.apiKeys[rng.nextInt(options.apiKeys.length)]!;
    else if (keyRoll < 0.92) headers['x-api-key'] = `sk_${rng.nextInt(1e9)}_guess`;
    if (body?.contentType) headers['content-type'] = body.contentType;
    return { method, path, body, headers };
  });

  const report: FuzzReport = { requests: 0, byStatus: {}, findings: [] };
  let next = 0;
  const began = performance.now();
  const worker = async () => {
    while (next < plans.length) {
      const plan = plans[next++]!;
      const kind = plan.body?.kind ?? 'no-body';
      let outcome: string;
      let detail: string | undefined;
      const sent = performance.now();
      const timeout = loopTimeSignal(timeoutMs);
      try {
        const response = await fetch(`${options.baseUrl}${plan.path}`, {
          method: plan.method,
          headers: plan.headers,
          body: plan.body?.body,
          signal: timeout.signal,
        });
        const text = await response.text();
        outcome = String(response.status);
        if (response.status >= 500) detail = text.slice(0, 300);
      } catch (error) {
        const name = (error as Error).name;
        outcome = name === 'TimeoutError' || name === 'AbortError' ? 'hang' : 'network-error';
        // fetch says only "fetch failed"; its cause says how (a reset socket, the other side closed).
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        const how = cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : '';
        detail = `${(error as Error).message}${how}, ${Math.round(performance.now() - sent)} ms after it was sent, ${Math.round(sent - began)} ms into the run`;
      } finally {
        timeout.clear();
      }
      report.requests += 1;
      report.byStatus[outcome] = (report.byStatus[outcome] ?? 0) + 1;
      if (!/^[1-4]\d\d$/.test(outcome)) {
        report.findings.push({ method: plan.method, path: plan.path.slice(0, 200), kind, outcome, detail });
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return report;
}
