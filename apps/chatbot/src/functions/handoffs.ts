// GET /api/handoffs?status=&limit= lists handoffs; POST /api/handoffs/{id}/claim|resolve for agents. All admin:
// the list shows customers' last messages.
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { getChatbot } from '../conversation/chatbot.ts';

const query = z.object({
  // `closed` is the name before claims existed; it lists resolved handoffs.
  status: z
    .enum(['open', 'claimed', 'resolved', 'unresolved', 'all', 'closed'])
    .default('open')
    .transform((s) => (s === 'closed' ? 'resolved' : s)),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const params = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const agent = z.string().trim().min(1, 'must not be empty').max(100);
const claimBody = z.object({ agent });
const resolveBody = z.object({ agent, note: z.string().trim().max(2000).optional() });

export const listHandoffs = defineHandler({ query, admin: true }, async ({ query }) =>
  json({ handoffs: await getChatbot().handoffs(query.status, query.limit) }),
);

export const claimHandoff = defineHandler(
  { params, body: claimBody, admin: true },
  async ({ params, body }) => json(await getChatbot().claimHandoff(params.id, body.agent)),
);

export const resolveHandoff = defineHandler(
  { params, body: resolveBody, admin: true },
  async ({ params, body }) =>
    json(await getChatbot().resolveHandoff(params.id, body.agent, body.note || undefined)),
);

app.http('listHandoffs', {
  methods: ['GET'],
  route: 'handoffs',
  authLevel: 'anonymous',
  handler: listHandoffs,
});
app.http('claimHandoff', {
  methods: ['POST'],
  route: 'handoffs/{id}/claim',
  authLevel: 'anonymous',
  handler: claimHandoff,
});
app.http('resolveHandoff', {
  methods: ['POST'],
  route: 'handoffs/{id}/resolve',
  authLevel: 'anonymous',
  handler: resolveHandoff,
});
