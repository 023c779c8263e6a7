// POST /api/chat: one message in, the reply with intent, confidence, knowledge-base entries and handoff state out.
// Without sessionId it starts a session (the reply carries sessionId and sessionToken); with it, x-session-token.
import { app } from '@azure/functions';
import { defineHandler, json } from '@suite/shared/http';
import { getChatbot } from '../service/index.ts';
import { chatRequestSchema, sessionTokenOf } from './chat-request.ts';

export const chat = defineHandler(
  { body: chatRequestSchema, maxBodyBytes: 16 * 1024 },
  async ({ body, request, context }) => {
    const input = { ...body, sessionToken: sessionTokenOf(request) };
    const reply = await getChatbot().chat(input, (message, error) => context.warn(message, error));
    return json(reply);
  },
);

app.http('chat', { methods: ['POST'], route: 'api/chat', authLevel: 'anonymous', handler: chat });
