// GET /api/edge/assistant: the served intent classifier and knowledge base, for answering in the browser (the
// console's offline mode). ETag is the model version; EDGE_MODEL=off turns the route into a 404.
import { app } from '@azure/functions';
import { NotFoundError } from '@suite/shared/errors';
import { defineHandler, json } from '@suite/shared/http';
import { getChatbotConfig } from '../config/chatbot-config.ts';
import { getChatbot } from '../service/index.ts';

export const edgeAssistant = defineHandler({}, async ({ request }) => {
  if (getChatbotConfig().EDGE_MODEL === 'off')
    throw new NotFoundError('offline answers are off (EDGE_MODEL=off)');
  const bundle = await getChatbot().edgeBundle();
  const etag = `"${bundle.modelVersion}"`;
  const headers = { etag, 'cache-control': 'no-cache', 'x-model-version': bundle.modelVersion };
  if (request.headers.get('if-none-match') === etag) return { status: 304, headers };
  return json(bundle, 200, headers);
});

app.http('edgeAssistant', {
  methods: ['GET'],
  route: 'api/edge/assistant',
  authLevel: 'anonymous',
  handler: edgeAssistant,
});
