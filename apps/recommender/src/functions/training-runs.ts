// Distributed training runs: POST /api/training-runs (admin) starts one and answers 202 with it;
// GET /api/training-runs (admin) lists the latest; GET /api/training-runs/{id} (admin) follows its epochs.
// Reading a run is admin as reading a training job is: its options, errors and results are the admin's.
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { trainingRunRequestSchema } from '../distributed/training-run-request.ts';
import { getRecommender } from '../service/recommender.ts';

export const startTrainingRun = defineHandler(
  { body: trainingRunRequestSchema, admin: true, maxBodyBytes: 8 * 1024 },
  async ({ body }) => {
    const run = await getRecommender().trainingRuns.start(body);
    return json(run, 202, { location: run.links.self });
  },
);

export const listTrainingRuns = defineHandler(
  { admin: true, query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }) },
  async ({ query }) => json({ runs: await getRecommender().trainingRuns.list(query.limit) }),
);

export const getTrainingRun = defineHandler(
  { admin: true, params: z.object({ id: z.uuid() }) },
  async ({ params }) => json(await getRecommender().trainingRuns.get(params.id)),
);

app.http('startTrainingRun', {
  methods: ['POST'],
  route: 'api/training-runs',
  authLevel: 'anonymous',
  handler: startTrainingRun,
});
app.http('listTrainingRuns', {
  methods: ['GET'],
  route: 'api/training-runs',
  authLevel: 'anonymous',
  handler: listTrainingRuns,
});
app.http('getTrainingRun', {
  methods: ['GET'],
  route: 'api/training-runs/{id}',
  authLevel: 'anonymous',
  handler: getTrainingRun,
});
