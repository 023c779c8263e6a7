// POST /api/train (admin): retrain the intent classifier on the knowledge base plus approved feedback as a job,
// answering 202 at once; GET /api/jobs/{id} gives its state and, once it succeeded, the published version.
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler } from '@suite/shared/http';
import { acceptedJob } from '@suite/shared/jobs';
import { getChatbot } from '../service/index.ts';

const body = z
  .object({
    augment: z.boolean().default(true),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
  })
  .default({ augment: true, seed: 1 });

export const train = defineHandler({ body, admin: true, maxBodyBytes: 4 * 1024 }, async ({ body }) =>
  acceptedJob(await getChatbot().startTraining(body)),
);

app.http('train', { methods: ['POST'], route: 'api/train', authLevel: 'anonymous', handler: train });
