// GET /api/health: app name and version, database reachability, loaded models, uptime and cold start.
import { app } from '@azure/functions';
import { createHealthHandler } from '@suite/shared/http';
import packageJson from '../../package.json' with { type: 'json' };

export const health = createHealthHandler({ app: 'inference', version: packageJson.version });

app.http('health', {
  methods: ['GET'],
  route: 'api/health',
  authLevel: 'anonymous',
  handler: health,
});
