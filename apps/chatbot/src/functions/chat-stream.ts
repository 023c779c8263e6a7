// POST /api/chat/stream: the same turn as server-sent events (meta, delta..., done), streamed as the LLM writes.
import { app } from '@azure/functions';
import { defineHandler } from '@suite/shared/http';
import { getChatbot } from '../service/index.ts';
import { chatRequestSchema } from './chat-request.ts';

const encoder = new TextEncoder();
const sse = (event: string, data: unknown) =>
  encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

export const chatStream = defineHandler(
  { body: chatRequestSchema, maxBodyBytes: 16 * 1024 },
  async ({ body, context }) => {
    const events = getChatbot().chatStream(body, (message, error) => context.warn(message, error));
    // The first event is awaited here so that failures before any output (bad model, database down) still
    // become a proper problem+json status instead of a broken stream.
    const first = await events.next();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        if (!first.done) controller.enqueue(sse(first.value.type, first.value));
      },
      async pull(controller) {
        try {
          const next = await events.next();
          if (next.done) controller.close();
          else controller.enqueue(sse(next.value.type, next.value));
        } catch (error) {
          context.error('chat stream failed', error);
          controller.enqueue(sse('error', { title: 'the answer could not be completed' }));
          controller.close();
        }
      },
      async cancel() {
        // The client went away: returning the generator still records the accepted turn (template answer).
        await events.return(undefined).catch((error: unknown) => {
          context.error('recording an abandoned chat stream failed', error);
        });
      },
    });
    return {
      status: 200,
      headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
      body: stream,
    };
  },
);

app.http('chatStream', {
  methods: ['POST'],
  route: 'chat/stream',
  authLevel: 'anonymous',
  handler: chatStream,
});
