// GET /api/knowledge-base: the served knowledge base and where it came from (api, file, demo).
import { app } from '@azure/functions';
import { defineHandler, json } from '@suite/shared/http';
import { getChatbot } from '../service/index.ts';

export const getKnowledgeBase = defineHandler({}, async () => json(await getChatbot().knowledgeBase()));

app.http('getKnowledgeBase', {
  methods: ['GET'],
  route: 'api/knowledge-base',
  authLevel: 'anonymous',
  handler: getKnowledgeBase,
});
