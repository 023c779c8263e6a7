// GET /api/openapi.json: the chatbot's API as OpenAPI 3.1, generated from the handlers' zod schemas.
import { app } from '@azure/functions';
import { apiKeyRoutes, createOpenApiHandler, modelRoutes, registerOpenApiFunction } from '@suite/shared/http';
import { jobRoutes } from '@suite/shared/jobs';
import packageJson from '../../package.json' with { type: 'json' };
import { API_KEYS_ROUTE } from './api-keys.ts';
import { chatStream } from './chat-stream.ts';
import { chat } from './chat.ts';
import { getConversation } from './conversations.ts';
import { edgeAssistant } from './edge-assistant.ts';
import { listFeedback } from './feedback-list.ts';
import { reviewFeedback } from './feedback-review.ts';
import { feedback } from './feedback.ts';
import { claimHandoff } from './handoff-claim.ts';
import { replyToHandoff } from './handoff-reply.ts';
import { resolveHandoff } from './handoff-resolve.ts';
import { listHandoffs } from './handoffs-list.ts';
import { health } from './health.ts';
import { jobHandlers } from './jobs.ts';
import { getKnowledgeBase } from './knowledge-base-get.ts';
import { putKnowledgeBase } from './knowledge-base-put.ts';
import { modelHandlers } from './models.ts';
import { train } from './train.ts';

export const openApi = createOpenApiHandler({ title: 'Chatbot', version: packageJson.version }, () => [
  { method: 'post', path: '/api/chat', summary: 'Answer a message', handler: chat },
  { method: 'post', path: '/api/chat/stream', summary: 'Answer as server-sent events', handler: chatStream },
  {
    method: 'get',
    path: '/api/conversations/{id}',
    summary:
      "A conversation: its state and turns, each assistant's turn with the language it was answered in",
    handler: getConversation,
  },
  {
    method: 'post',
    path: '/api/feedback',
    summary: 'Suggest the right intent for a turn',
    handler: feedback,
  },
  { method: 'get', path: '/api/feedback', summary: 'Feedback by review status', handler: listFeedback },
  {
    method: 'post',
    path: '/api/feedback/{id}/{decision}',
    summary: 'Approve or reject',
    handler: reviewFeedback,
  },
  { method: 'get', path: '/api/handoffs', summary: 'The handoff queue', handler: listHandoffs },
  { method: 'post', path: '/api/handoffs/{id}/claim', summary: 'Claim a handoff', handler: claimHandoff },
  {
    method: 'post',
    path: '/api/handoffs/{id}/reply',
    summary: 'Reply to the customer (stored as an agent turn)',
    handler: replyToHandoff,
  },
  {
    method: 'post',
    path: '/api/handoffs/{id}/resolve',
    summary: 'Resolve a handoff',
    handler: resolveHandoff,
  },
  {
    method: 'get',
    path: '/api/knowledge-base',
    summary: 'The served knowledge base',
    handler: getKnowledgeBase,
  },
  {
    method: 'put',
    path: '/api/knowledge-base',
    summary: 'Replace it and retrain',
    handler: putKnowledgeBase,
  },
  { method: 'post', path: '/api/train', summary: 'Start a training job (202)', handler: train },
  {
    method: 'get',
    path: '/api/edge/assistant',
    summary: 'The served classifier and knowledge base, for answering on the device',
    handler: edgeAssistant,
  },
  { method: 'get', path: '/api/health', summary: 'Health', handler: health },
  ...jobRoutes(jobHandlers),
  ...modelRoutes(modelHandlers),
  ...apiKeyRoutes(API_KEYS_ROUTE),
]);

registerOpenApiFunction(app, openApi);
