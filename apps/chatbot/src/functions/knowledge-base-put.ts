// PUT /api/knowledge-base (admin): replace the knowledge base and retrain on it.
import { app } from '@azure/functions';
import { defineHandler, json } from '@suite/shared/http';
import { getChatbot } from '../service/index.ts';

// The body is checked by the knowledge-base schema in the domain, which names each bad field.
export const putKnowledgeBase = defineHandler(
  { bodyType: 'json', admin: true, maxBodyBytes: 2 * 1024 * 1024 },
  async ({ body }) => {
    const { manifest, info } = await getChatbot().replaceKnowledgeBase(body);
    return json({ model: manifest.name, version: manifest.version, info }, 201);
  },
);

app.http('putKnowledgeBase', {
  methods: ['PUT'],
  route: 'api/knowledge-base',
  authLevel: 'anonymous',
  handler: putKnowledgeBase,
});
