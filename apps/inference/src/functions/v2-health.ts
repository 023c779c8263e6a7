// GET /api/v2/health/live and /api/v2/health/ready (Open Inference Protocol): 200 when live / ready, else 503.
import { app } from '@azure/functions';
import { DependencyError } from '@suite/shared/errors';
import { defineHandler, json } from '@suite/shared/http';
import { getInference } from '../service/inference.ts';
import { withV2Error } from './v2-error.ts';

export const v2Live = defineHandler({}, () => json({ live: true }));

export const v2Ready = defineHandler({}, async () => {
  if (!(await getInference().ready())) {
    throw new DependencyError('The database does not answer.', {
      dependency: 'database',
      retryAfterSeconds: 5,
    });
  }
  return json({ ready: true });
});

app.http('v2Live', {
  methods: ['GET'],
  route: 'api/v2/health/live',
  authLevel: 'anonymous',
  handler: withV2Error(v2Live),
});
app.http('v2Ready', {
  methods: ['GET'],
  route: 'api/v2/health/ready',
  authLevel: 'anonymous',
  handler: withV2Error(v2Ready),
});
