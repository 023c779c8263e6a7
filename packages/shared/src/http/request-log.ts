// One structured JSON line per request, for operators: invocation id, function, status, duration, client, model.
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { recordRequest } from '../telemetry/suite-metrics.ts';

/** The fields of a request log line (one JSON object; Application Insights keeps it as a trace of the invocation). */
export interface RequestLogEntry {
  event: 'request';
  invocationId: string;
  function: string;
  method: string;
  path: string | undefined;
  status: number;
  durationMs: number;
  requestId: string;
  /** The API-key id when API_KEYS=on, `admin`, or absent. */
  client?: string;
  /** The model version the answer came from, when the handler's JSON body names one (`modelVersion` or `version`). */
  modelVersion?: string;
}

/** Off under the test runner unless asked for (REQUEST_LOG=json), on everywhere else (REQUEST_LOG=off silences it). */
function enabled(): boolean {
  const setting = process.env.REQUEST_LOG;
  if (setting !== undefined && setting !== '') return setting === 'json';
  return process.env.VITEST === undefined;
}

function modelVersionOf(response: HttpResponseInit): string | undefined {
  const body = response.jsonBody as { modelVersion?: unknown; version?: unknown } | undefined;
  if (body === null || typeof body !== 'object') return undefined;
  const value = typeof body.modelVersion === 'string' ? body.modelVersion : body.version;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Write the request's line through the invocation context (so the host ties it to the invocation), and record it
 * as the request metrics (those also when the line is off).
 */
export function logRequest(
  context: InvocationContext,
  request: HttpRequest,
  response: HttpResponseInit,
  fields: { path: string | undefined; startedAt: number; requestId: string; client?: string },
): void {
  const status = response.status ?? 200;
  const durationMs = Math.round((performance.now() - fields.startedAt) * 10) / 10;
  recordRequest(durationMs, { function: context.functionName, status });
  if (!enabled()) return;
  const entry: RequestLogEntry = {
    event: 'request',
    invocationId: context.invocationId,
    function: context.functionName,
    method: request.method,
    path: fields.path,
    status,
    durationMs,
    requestId: fields.requestId,
  };
  if (fields.client !== undefined) entry.client = fields.client;
  const modelVersion = modelVersionOf(response);
  if (modelVersion !== undefined) entry.modelVersion = modelVersion;
  context.info(JSON.stringify(entry));
}
