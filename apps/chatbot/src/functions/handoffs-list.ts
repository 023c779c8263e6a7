// GET /api/handoffs?status=&limit= (admin: the list shows customers' last messages): handoffs, newest first.
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { getChatbot } from '../service/index.ts';

const query = z.object({
  // `closed` is the name before claims existed; it lists resolved handoffs.
  status: z
    .enum(['open', 'claimed', 'resolved', 'unresolved', 'all', 'closed'])
    .default('open')
    .transform((s) => (s === 'closed' ? 'resolved' : s)),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const listHandoffs = defineHandler({ query, admin: true }, async ({ query }) =>
  json({ handoffs: await getChatbot().handoffs(query.status, query.limit) }),
);

app.http('listHandoffs', {
  methods: ['GET'],
  route: 'api/handoffs',
  authLevel: 'anonymous',
  handler: listHandoffs,
});
