// GET|POST /api/apikeys, DELETE /api/apikeys/{id}, GET /api/apikeys/{id}/usage: per-client API keys (admin).
import { app } from '@azure/functions';
import { registerApiKeyFunctions } from '@suite/shared/http';

registerApiKeyFunctions(app);
