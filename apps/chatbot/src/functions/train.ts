// POST /api/train (admin): retrain the intent classifier on the knowledge base plus approved feedback, and publish it.
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
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

export const train = defineHandler({ body, admin: true, maxBodyBytes: 4 * 1024 }, async ({ body }) => {
  const { manifest, info } = await getChatbot().train(body);
  return json({ model: manifest.name, version: manifest.version, sizeBytes: manifest.sizeBytes, info }, 201);
});

app.http('train', { methods: ['POST'], route: 'api/train', authLevel: 'anonymous', handler: train });
