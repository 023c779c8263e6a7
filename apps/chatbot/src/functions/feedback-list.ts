// GET /api/feedback?status=&limit= (admin: it shows customers' messages): feedback to review, oldest first.
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { getChatbot } from '../service/index.ts';

const query = z.object({
  status: z.enum(['pending', 'approved', 'rejected', 'all']).default('pending'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const listFeedback = defineHandler({ query, admin: true }, async ({ query }) =>
  json({ feedback: await getChatbot().listFeedback(query.status, query.limit) }),
);

app.http('listFeedback', {
  methods: ['GET'],
  route: 'api/feedback',
  authLevel: 'anonymous',
  handler: listFeedback,
});
