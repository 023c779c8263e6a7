// GET /api/handoffs?status=open|closed|all&limit=50: conversations handed to a person, newest first.
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { getChatbot } from '../conversation/chatbot.ts';

const query = z.object({
  status: z.enum(['open', 'closed', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const listHandoffs = defineHandler({ query }, async ({ query }) =>
  json({ handoffs: await getChatbot().handoffs(query.status, query.limit) }),
);

app.http('listHandoffs', {
  methods: ['GET'],
  route: 'handoffs',
  authLevel: 'anonymous',
  handler: listHandoffs,
});
