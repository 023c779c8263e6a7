// POST /api/handoffs/{id}/reply (admin): the agent holding a handoff writes to the customer; the reply is stored as
// a turn of the conversation (source 'agent') and shows on the customer's page. A resend with the same replyId
// stores nothing new (200 with the stored turn instead of 201).
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { getChatbot } from '../service/index.ts';
import { agentSchema, handoffParams } from './handoff-request.ts';

const body = z.object({
  agent: agentSchema,
  message: z.string().trim().min(1, 'must not be empty').max(2000),
  replyId: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'letters, digits and _.:- only, at most 100')
    .optional(),
});

export const replyToHandoff = defineHandler(
  { params: handoffParams, body, admin: true, maxBodyBytes: 16 * 1024 },
  async ({ params, body }) => {
    const result = await getChatbot().replyToHandoff(params.id, body);
    return json(result, result.created ? 201 : 200);
  },
);

app.http('replyToHandoff', {
  methods: ['POST'],
  route: 'api/handoffs/{id}/reply',
  authLevel: 'anonymous',
  handler: replyToHandoff,
});
