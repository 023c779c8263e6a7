// POST /api/handoffs/{id}/resolve (admin): an agent closes a handoff and the assistant answers the session again.
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { getChatbot } from '../service/index.ts';
import { agentSchema, handoffParams } from './handoff-request.ts';

const body = z.object({ agent: agentSchema, note: z.string().trim().max(2000).optional() });

export const resolveHandoff = defineHandler(
  { params: handoffParams, body, admin: true },
  async ({ params, body }) =>
    json(await getChatbot().resolveHandoff(params.id, body.agent, body.note || undefined)),
);

app.http('resolveHandoff', {
  methods: ['POST'],
  route: 'api/handoffs/{id}/resolve',
  authLevel: 'anonymous',
  handler: resolveHandoff,
});
