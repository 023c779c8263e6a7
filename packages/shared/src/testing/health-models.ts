// The models an app's GET /api/health lists, asked in-process: where the apps' fallback tests look for the
// version served and its `fallback`.
import { createRequire } from 'node:module';
import type * as AzureFunctions from '@azure/functions';
import type { HttpHandler } from '../http/define-handler.ts';
import type { HealthReport } from '../http/health.ts';

// Required, not imported: @azure/functions is CommonJS and Node's ESM loader (tsx, the bench scripts) finds only some
// of its named exports (`app`, not `HttpRequest`); vitest's interop hid that.
const { HttpRequest, InvocationContext } = createRequire(import.meta.url)(
  '@azure/functions',
) as typeof AzureFunctions;

/** `health`'s answer to GET /api/health: its `models`. */
export async function healthModels(health: HttpHandler): Promise<HealthReport['models']> {
  const response = await health(
    new HttpRequest({ method: 'GET', url: 'http://localhost/api/health' }),
    new InvocationContext(),
  );
  return (response.jsonBody as HealthReport).models;
}
