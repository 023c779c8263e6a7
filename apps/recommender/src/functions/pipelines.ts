// Pipeline runs: POST /api/pipelines (admin) starts one on a rating file already in Blob (answers 202 with the run),
// GET /api/pipelines/{id} (admin) reports each stage's progress and counts, GET /api/pipelines (admin) the newest.
import { app } from '@azure/functions';
import { defineHandler, json } from '@suite/shared/http';
import { z } from 'zod';
import { runOptionsSchema } from '../pipeline/stage-context.ts';
import { getPipelines } from '../service/pipelines.ts';

const body = z
  .object({
    /** Blob name in PIPELINE_CONTAINER, e.g. `uploads/ratings.csv.gz`. */
    blob: z
      .string()
      .min(1)
      .max(1024)
      .refine((name) => !name.split('/').includes('..'), 'must not contain ".." segments'),
    format: z.enum(['csv', 'tsv']).optional(),
    options: runOptionsSchema.partial().strict().optional(),
  })
  .strict();

export const startPipeline = defineHandler(
  { body, admin: true, maxBodyBytes: 8 * 1024 },
  async ({ body }) => {
    const run = await getPipelines().start(body);
    return json(run, 202, { location: `/api/pipelines/${run.id}` });
  },
);

export const listPipelines = defineHandler(
  { admin: true, query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }) },
  async ({ query }) => json({ runs: await getPipelines().list(query.limit) }),
);

// Reading a run is admin, as reading a training job or run is: it names the admin's blob, options and failures.
export const getPipeline = defineHandler(
  { admin: true, params: z.object({ id: z.uuid('expected a run id (uuid)') }) },
  async ({ params }) => json(await getPipelines().get(params.id)),
);

app.http('startPipeline', {
  methods: ['POST'],
  route: 'api/pipelines',
  authLevel: 'anonymous',
  handler: startPipeline,
});
app.http('listPipelines', {
  methods: ['GET'],
  route: 'api/pipelines',
  authLevel: 'anonymous',
  handler: listPipelines,
});
app.http('getPipeline', {
  methods: ['GET'],
  route: 'api/pipelines/{id}',
  authLevel: 'anonymous',
  handler: getPipeline,
});
