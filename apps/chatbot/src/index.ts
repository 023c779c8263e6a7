// Function App entry: app-wide setup and lifecycle hooks, plus one import per function file.
import { app } from '@azure/functions';
import { markColdStart } from '@suite/shared/http';
// ESM evaluates these imports before the body below; that is fine: setup options only lock once the app has started.
import './functions/health.ts';
import './functions/chat.ts';
import './functions/chat-stream.ts';
import './functions/feedback.ts';
import './functions/train.ts';
import './functions/conversations.ts';
import './functions/handoffs.ts';
import './functions/knowledge-base.ts';

// Streaming lets handlers answer with a ReadableStream (server-sent events) flushed chunk by chunk.
app.setup({ enableHttpStream: true });

app.hook.appStart(() => {
  markColdStart();
});
