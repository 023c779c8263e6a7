// GET /api/v2/health/live and /api/v2/health/ready (Open Inference Protocol): 200 when live / ready; not ready is
// the spec's 4xx (400 `not_ready` naming why, as Triton answers), not a 5xx (src/protocol/not-ready.ts).
import { app } from '@azure/functions';
import { defineHandler, json } from '@suite/shared/http';
import { NotReadyError } from '../protocol/not-ready.ts';
import { getInference } from '../service/inference.ts';
import { withV2Error } from './v2-error.ts';

export const v2Live = defineHandler({}, () => json({ live: true }));

export const v2Ready = defineHandler({}, async ({ context }) => {
  const notReady = await getInference().notReady();
  if (notReady !== undefined) {
    if (notReady.cause !== undefined) context.warn(`Not ready: ${notReady.reason}`, notReady.cause);
    throw new NotReadyError(`The server is not ready: ${notReady.reason}.`, notReady.cause);
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
