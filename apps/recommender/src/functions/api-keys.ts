// GET|POST /api/apikeys, DELETE /api/apikeys/{id}, GET /api/apikeys/{id}/usage: per-client API keys (admin).
import { app } from '@azure/functions';
import { registerApiKeyFunctions } from '@suite/shared/http';

// host.json's routePrefix is "" (the console is at /), so the API routes name their own api/ prefix.
export const API_KEYS_ROUTE = 'api/apikeys';

registerApiKeyFunctions(app, { route: API_KEYS_ROUTE });
