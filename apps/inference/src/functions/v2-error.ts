// The Open Inference Protocol's error body: a failed v2 request answers {"error": "<message>"}, the member KServe's
// and Triton's clients read (tritonclient raises with it, and failed on the suite's problem+json alone). The
// problem keeps its members and gains `error` (RFC 9457 allows extension members), so one body serves both clients.
import type { HttpHandler } from '@suite/shared/http';

/**
 * `handler` with the protocol's `error` member added to each problem it answers (the problem's detail, or its title
 * when it has none). Registered for the /api/v2 routes; the handler itself stays what the OpenAPI document reads.
 * @example app.http('v2ModelInfer', { route: 'api/v2/models/{name}/infer', handler: withV2Error(v2ModelInfer) });
 */
export function withV2Error(handler: HttpHandler): HttpHandler {
  return async (request, context) => {
    const response = await handler(request, context);
    const problem = response.jsonBody as { detail?: unknown; title?: unknown } | undefined;
    if ((response.status ?? 200) < 400 || typeof problem !== 'object' || problem === null) return response;
    const error =
      typeof problem.detail === 'string' && problem.detail ? problem.detail : String(problem.title);
    return { ...response, jsonBody: { ...problem, error } };
  };
}
