// POST /api/feedback: the right intent for a turn, stored as a suggestion an admin reviews (the model is untouched).
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { getChatbot } from '../service/index.ts';
import { chatRequestSchema } from './chat-request.ts';

const body = z.object({
  sessionId: chatRequestSchema.shape.sessionId.unwrap(),
  // chat_turns.turn is a Postgres integer: a larger number would be a database error, not a 404.
  turn: z
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
  intent: z.string().min(1).max(64),
});

export const feedback = defineHandler({ body, maxBodyBytes: 8 * 1024 }, async ({ body }) => {
  const result = await getChatbot().feedback(body);
  return json(result, result.created ? 201 : 200);
});

app.http('feedback', { methods: ['POST'], route: 'feedback', authLevel: 'anonymous', handler: feedback });
