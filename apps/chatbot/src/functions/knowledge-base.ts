// GET /api/knowledge-base: the served knowledge base; PUT (admin): replace it and retrain.
import { app } from '@azure/functions';
import { defineHandler, json } from '@suite/shared/http';
import { getChatbot } from '../conversation/chatbot.ts';

export const getKnowledgeBase = defineHandler({}, async () =>
  json(await getChatbot().assistants.knowledgeBase()),
);

// The body is checked by the knowledge-base schema in the domain, which names each bad field.
export const putKnowledgeBase = defineHandler(
  { bodyType: 'json', admin: true, maxBodyBytes: 2 * 1024 * 1024 },
  async ({ body }) => {
    const { manifest, info } = await getChatbot().assistants.replaceKnowledgeBase(body);
    return json({ model: manifest.name, version: manifest.version, info }, 201);
  },
);

app.http('getKnowledgeBase', {
  methods: ['GET'],
  route: 'knowledge-base',
  authLevel: 'anonymous',
  handler: getKnowledgeBase,
});
app.http('putKnowledgeBase', {
  methods: ['PUT'],
  route: 'knowledge-base',
  authLevel: 'anonymous',
  handler: putKnowledgeBase,
});
