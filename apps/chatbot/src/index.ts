// Function App entry: app-wide setup and lifecycle hooks, plus one import per function file.
import { app } from '@azure/functions';
import { closeDbOnAppTerminate } from '@suite/shared/db';
import { getSharedConfig } from '@suite/shared/config';
import { markColdStart } from '@suite/shared/http';
import { getChatbotConfig } from './config/chatbot-config.ts';
// ESM evaluates these imports before the body below; that is fine: setup options only lock once the app has started.
import './functions/health.ts';
import './functions/console.ts';
import './functions/api-keys.ts';
import './functions/chat.ts';
import './functions/chat-stream.ts';
import './functions/feedback.ts';
import './functions/feedback-list.ts';
import './functions/feedback-review.ts';
import './functions/train.ts';
import './functions/jobs.ts';
import './functions/models.ts';
import './functions/openapi.ts';
import './functions/conversations.ts';
import './functions/handoffs-list.ts';
import './functions/handoff-claim.ts';
import './functions/handoff-reply.ts';
import './functions/handoff-resolve.ts';
import './functions/knowledge-base-get.ts';
import './functions/knowledge-base-put.ts';
import './functions/edge-assistant.ts';

// Settings are validated when the app loads, so a bad value fails the start with a ConfigError naming the
// variable, instead of failing the first chat.
getChatbotConfig();

// Streaming lets handlers answer with a ReadableStream (server-sent events) flushed chunk by chunk.
app.setup({ enableHttpStream: true });
// The shared database (a PGlite data folder or a pg pool) is closed when the host stops the app.
closeDbOnAppTerminate(app);

app.hook.appStart(() => {
  markColdStart();
  // A malformed shared setting (MODEL_STORE and its account: AZURE_STORAGE_CONNECTION_STRING or its __accountName /
  // __blobServiceUri identity forms; DATABASE_URL; ...) stops the start with an error naming it.
  getSharedConfig();
});
