// The chatbot service's public face: what handlers, timers, tests and benchmarks use.
export { getChatbot, resetChatbot } from './get-chatbot.ts';
export { createChatbot, type Chatbot, type ChatbotDeps, type Conversation } from './chatbot.ts';
export {
  INTENT_MODEL,
  KNOWLEDGE_BASE_MODEL,
  type ServedKnowledgeBase,
  type TrainResult,
} from './assistant.ts';
export type { ChatInput, ChatReply } from './chat-turn.ts';
export type { ChatStreamEvent } from './stream-turn.ts';
export type { FeedbackInput, FeedbackResult, FeedbackReviewResult } from './feedback.ts';
export type { HandoffActionResult } from './handoff-actions.ts';
export type { AgentReplyInput, AgentReplyResult } from './agent-reply.ts';
export { SESSION_TOKEN_HEADER, type IssuedSession, type SessionAccess } from './session-access.ts';
