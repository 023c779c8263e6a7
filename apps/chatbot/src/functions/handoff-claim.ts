// POST /api/handoffs/{id}/claim (admin): an agent takes a handoff; a repeat by the same agent changes nothing.
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { getChatbot } from '../service/index.ts';
import { agentSchema, handoffParams } from './handoff-request.ts';

const body = z.object({ agent: agentSchema });

export const claimHandoff = defineHandler(
  { params: handoffParams, body, admin: true },
  async ({ params, body }) => json(await getChatbot().claimHandoff(params.id, body.agent)),
);

app.http('claimHandoff', {
  methods: ['POST'],
  route: 'api/handoffs/{id}/claim',
  authLevel: 'anonymous',
  handler: claimHandoff,
});
