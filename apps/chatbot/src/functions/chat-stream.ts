// POST /api/chat/stream: the same turn as server-sent events (meta, delta..., done), streamed as the LLM writes.
import { app } from '@azure/functions';
import { defineHandler } from '@suite/shared/http';
import { getChatbot } from '../service/index.ts';
import { chatRequestSchema, sessionTokenOf } from './chat-request.ts';
import { toSseStream } from './sse-stream.ts';

export const chatStream = defineHandler(
  { body: chatRequestSchema, maxBodyBytes: 16 * 1024 },
  async ({ body, request, context }) => {
    const input = { ...body, sessionToken: sessionTokenOf(request) };
    const events = getChatbot().chatStream(input, (message, error) => context.warn(message, error));
    // The first event is awaited here so that failures before any output (bad model, database down) still
    // become a proper problem+json status instead of a broken stream.
    const first = await events.next();
    return {
      status: 200,
      headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
      body: toSseStream(events, first, context),
    };
  },
);

app.http('chatStream', {
  methods: ['POST'],
  route: 'api/chat/stream',
  authLevel: 'anonymous',
  handler: chatStream,
});
