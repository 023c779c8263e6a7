// Turns a chat turn's event generator into a server-sent-events body, flushed event by event.
import type { InvocationContext } from '@azure/functions';
import type { ChatStreamEvent } from '../service/index.ts';

const encoder = new TextEncoder();
const sse = (event: string, data: unknown) =>
  encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

/**
 * The stream after its already-awaited `first` event. A failure mid-stream becomes an `error` event (the status
 * is sent by then); a client that goes away returns the generator, which still records the accepted turn.
 */
export function toSseStream(
  events: AsyncGenerator<ChatStreamEvent>,
  first: IteratorResult<ChatStreamEvent>,
  context: InvocationContext,
): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
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
      await events.return(undefined).catch((error: unknown) => {
        context.error('recording an abandoned chat stream failed', error);
      });
    },
  });
}
