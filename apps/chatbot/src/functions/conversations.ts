// GET /api/conversations/{id}: the session state and every recorded turn, for the session's own token
// (x-session-token) or an agent (x-admin-key).
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, isAdminCaller, json } from '@suite/shared/http';
import { getChatbot } from '../service/index.ts';
import { sessionTokenOf } from './chat-request.ts';

const params = z.object({ id: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'not a valid session id') });

export const getConversation = defineHandler({ params }, async ({ params, request }) =>
  json(
    await getChatbot().conversation(params.id, {
      sessionToken: sessionTokenOf(request),
      admin: isAdminCaller(request),
    }),
  ),
);

app.http('getConversation', {
  methods: ['GET'],
  route: 'api/conversations/{id}',
  authLevel: 'anonymous',
  handler: getConversation,
});
