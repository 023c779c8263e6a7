// POST /api/feedback: the right intent for a turn, stored as a suggestion an admin reviews (the model is untouched).
// Only the session's own token (x-session-token) may give feedback on its turns.
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { getChatbot } from '../service/index.ts';
import { chatRequestSchema, sessionTokenOf } from './chat-request.ts';

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

export const feedback = defineHandler({ body, maxBodyBytes: 8 * 1024 }, async ({ body, request }) => {
  const result = await getChatbot().feedback(body, { sessionToken: sessionTokenOf(request) });
  return json(result, result.created ? 201 : 200);
});

app.http('feedback', { methods: ['POST'], route: 'api/feedback', authLevel: 'anonymous', handler: feedback });
