// GET /api/conversations/{id}: the session state and every recorded turn.
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { getChatbot } from '../service/index.ts';

const params = z.object({ id: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'not a valid session id') });

export const getConversation = defineHandler({ params }, async ({ params }) =>
  json(await getChatbot().conversation(params.id)),
);

app.http('getConversation', {
  methods: ['GET'],
  route: 'conversations/{id}',
  authLevel: 'anonymous',
  handler: getConversation,
});
