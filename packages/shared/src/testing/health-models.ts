// The models an app's GET /api/health lists, asked in-process: where the apps' fallback tests look for the
// version served and its `fallback`.
import { HttpRequest, InvocationContext } from '@azure/functions';
import type { HttpHandler } from '../http/define-handler.ts';
import type { HealthReport } from '../http/health.ts';

/** `health`'s answer to GET /api/health: its `models`. */
export async function healthModels(health: HttpHandler): Promise<HealthReport['models']> {
  const response = await health(
    new HttpRequest({ method: 'GET', url: 'http://localhost/api/health' }),
    new InvocationContext(),
  );
  return (response.jsonBody as HealthReport).models;
}
