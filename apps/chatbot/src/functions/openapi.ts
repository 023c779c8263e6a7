// GET /api/openapi.json: the chatbot's API as OpenAPI 3.1, generated from the handlers' zod schemas.
import { app } from '@azure/functions';
import { createOpenApiHandler } from '@suite/shared/http';
import packageJson from '../../package.json' with { type: 'json' };
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
import { cancelJob, getJob, jobEvents, listJobs } from './jobs.ts';
import { getKnowledgeBase } from './knowledge-base-get.ts';
import { putKnowledgeBase } from './knowledge-base-put.ts';
import { listModels, pinModel, unpinModel } from './models.ts';
import { train } from './train.ts';

export const openApi = createOpenApiHandler({ title: 'Chatbot', version: packageJson.version }, () => [
  { method: 'post', path: '/api/chat', summary: 'Answer a message', handler: chat },
  { method: 'post', path: '/api/chat/stream', summary: 'Answer as server-sent events', handler: chatStream },
  { method: 'get', path: '/api/conversations/{id}', summary: 'A conversation', handler: getConversation },
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
  { method: 'get', path: '/api/jobs', summary: 'Newest training jobs', handler: listJobs },
  { method: 'get', path: '/api/jobs/{id}', summary: 'A training job', handler: getJob },
  {
    method: 'get',
    path: '/api/jobs/{id}/events',
    summary: 'A training job as server-sent events',
    handler: jobEvents,
  },
  { method: 'post', path: '/api/jobs/{id}/cancel', summary: 'Cancel a training job', handler: cancelJob },
  { method: 'get', path: '/api/models', summary: 'Model versions', handler: listModels },
  {
    method: 'post',
    path: '/api/models/{version}/pin',
    summary: 'Pin and serve a version',
    handler: pinModel,
  },
  { method: 'delete', path: '/api/models/{version}/pin', summary: 'Unpin a version', handler: unpinModel },
  {
    method: 'get',
    path: '/api/edge/assistant',
    summary: 'The served classifier and knowledge base, for answering on the device',
    handler: edgeAssistant,
  },
  { method: 'get', path: '/api/health', summary: 'Health', handler: health },
]);

app.http('openApi', {
  methods: ['GET'],
  route: 'api/openapi.json',
  authLevel: 'anonymous',
  handler: openApi,
});
