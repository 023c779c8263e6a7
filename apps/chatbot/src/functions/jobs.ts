// Training jobs, all admin: GET /api/jobs, GET /api/jobs/{id}, GET /api/jobs/{id}/events (SSE),
// POST /api/jobs/{id}/cancel.
import { app } from '@azure/functions';
import { createJobHandlers } from '@suite/shared/jobs';
import { getChatbot } from '../service/index.ts';

export const { getJob, jobEvents, cancelJob, listJobs } = createJobHandlers(() => getChatbot().jobs);

app.http('listJobs', { methods: ['GET'], route: 'api/jobs', authLevel: 'anonymous', handler: listJobs });
app.http('getJob', { methods: ['GET'], route: 'api/jobs/{id}', authLevel: 'anonymous', handler: getJob });
app.http('jobEvents', {
  methods: ['GET'],
  route: 'api/jobs/{id}/events',
  authLevel: 'anonymous',
  handler: jobEvents,
});
app.http('cancelJob', {
  methods: ['POST'],
  route: 'api/jobs/{id}/cancel',
  authLevel: 'anonymous',
  handler: cancelJob,
});
