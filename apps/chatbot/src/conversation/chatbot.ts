// The chatbot service: the one object handlers call (chat, feedback, conversations, handoffs, training, knowledge base).
import { ConflictError, NotFoundError, ValidationError } from '@suite/shared/errors';
import { getSharedConfig } from '@suite/shared/config';
import { getDb, type Db } from '@suite/shared/db';
import { getModelStore, type ModelStore } from '@suite/shared/models';
import { createStateStore } from '@suite/shared/state';
import { getChatbotConfig, type ChatbotConfig } from '../config/chatbot-config.ts';
import { getSentenceEncoder, type SentenceEncoder } from '../embeddings/sentence-encoder.ts';
import { getLlmAnswerer, type LlmAnswerer } from '../llm/llm-answerer.ts';
import { createAssistantProvider, type AssistantProvider, type TrainResult } from './assistant.ts';
import {
  findFeedback,
  insertFeedback,
  listTurns,
  type FeedbackRow,
  type TurnRow,
} from './chat-repository.ts';
import { listHandoffs, type HandoffFilter, type HandoffRow } from './handoff-repository.ts';
import { claimHandoff, resolveHandoff, type HandoffActionResult } from './handoff-service.ts';
import { ensureChatSchema } from './chat-schema.ts';
import { answerTurn, type ChatInput, type ChatReply, type TurnDeps } from './chat-turn.ts';
import { streamTurn, type ChatStreamEvent } from './stream-turn.ts';
import type { ConversationState } from './conversation-state.ts';

export interface Conversation {
  sessionId: string;
  state: ConversationState | null;
  turns: TurnRow[];
}

export interface Chatbot {
  readonly assistants: AssistantProvider;
  chat(input: ChatInput, log?: TurnDeps['log']): Promise<ChatReply>;
  chatStream(input: ChatInput, log?: TurnDeps['log']): AsyncGenerator<ChatStreamEvent>;
  /**
   * Stores the right intent for a turn and folds it into the served classifier at once. A turn takes one
   * feedback: the same intent again returns the stored row (`created: false`), another intent is a ConflictError.
   */
  feedback(input: {
    sessionId: string;
    turn: number;
    intent: string;
  }): Promise<FeedbackRow & { applied: boolean; created: boolean }>;
  conversation(sessionId: string): Promise<Conversation>;
  handoffs(status: HandoffFilter, limit: number): Promise<HandoffRow[]>;
  /** An agent takes a handoff: idempotent for the same agent, ConflictError when another has it or it is resolved. */
  claimHandoff(id: number, agent: string): Promise<HandoffActionResult>;
  /** An agent closes a handoff and the assistant answers the session again; idempotent for the same agent. */
  resolveHandoff(id: number, agent: string, note?: string): Promise<HandoffActionResult>;
  train(options?: { augment?: boolean; seed?: number }): Promise<TrainResult>;
}

export interface ChatbotDeps {
  db: Db;
  store: ModelStore | (() => ModelStore);
  config: Pick<
    ChatbotConfig,
    'CHAT_MIN_CONFIDENCE' | 'HANDOFF_AFTER_LOW_TURNS' | 'SESSION_TTL_SECONDS' | 'KNOWLEDGE_BASE_FILE'
  >;
  llm: LlmAnswerer | null;
  encoder: () => Promise<SentenceEncoder | undefined>;
  refreshIntervalMs?: number;
}

/** Builds a chatbot on explicit dependencies (tests, benchmarks); the app uses {@link getChatbot}. */
export function createChatbot(deps: ChatbotDeps): Chatbot {
  const sessions = createStateStore<ConversationState>(deps.db, 'chatbot-session');
  const assistants = createAssistantProvider({
    db: deps.db,
    store: deps.store,
    encoder: deps.encoder,
    knowledgeBaseFile: deps.config.KNOWLEDGE_BASE_FILE,
    minConfidence: deps.config.CHAT_MIN_CONFIDENCE,
    refreshIntervalMs: deps.refreshIntervalMs,
  });
  const turnDeps = (log?: TurnDeps['log']): TurnDeps => ({
    db: deps.db,
    sessions,
    llm: deps.llm,
    handoffAfterLowTurns: deps.config.HANDOFF_AFTER_LOW_TURNS,
    sessionTtlSeconds: deps.config.SESSION_TTL_SECONDS,
    log,
  });

  const handoffDeps = { db: deps.db, sessions, sessionTtlSeconds: deps.config.SESSION_TTL_SECONDS };

  return {
    assistants,
    async chat(input, log) {
      return answerTurn(turnDeps(log), await assistants.get(), input);
    },
    async *chatStream(input, log) {
      yield* streamTurn(turnDeps(log), await assistants.get(), input);
    },
    async feedback({ sessionId, turn, intent }) {
      const assistant = await assistants.get();
      if (!assistant.classifier.labels.includes(intent)) {
        throw new ValidationError(`unknown intent "${intent}"`, [
          {
            path: 'intent',
            message: `not an intent of the knowledge base (${assistant.classifier.labels.length} known)`,
          },
        ]);
      }
      // Two labels for one turn would train the classifier both ways; a repeat (client retry) is harmless.
      const row = await insertFeedback(deps.db, sessionId, turn, intent);
      if (row === undefined) {
        const existing = await findFeedback(deps.db, sessionId, turn);
        if (existing !== undefined && existing.intent === intent)
          return { ...existing, applied: false, created: false };
        throw new ConflictError(
          `turn ${turn} of conversation ${sessionId} already has feedback (${existing?.intent ?? 'unknown'})`,
          { path: 'turn', intent: existing?.intent },
        );
      }
      const embedding = assistant.encoder ? (await assistant.encoder.embed([row.message]))[0] : undefined;
      return { ...row, applied: assistant.classifier.learn(row.message, intent, embedding), created: true };
    },
    async conversation(sessionId) {
      await ensureChatSchema(deps.db);
      const [entry, turns] = await Promise.all([sessions.get(sessionId), listTurns(deps.db, sessionId)]);
      if (entry === undefined && turns.length === 0)
        throw new NotFoundError(`conversation ${sessionId} not found`);
      return { sessionId, state: entry?.value ?? null, turns };
    },
    async handoffs(status, limit) {
      await ensureChatSchema(deps.db);
      return listHandoffs(deps.db, status, limit);
    },
    async claimHandoff(id, agent) {
      await ensureChatSchema(deps.db);
      return claimHandoff(handoffDeps, id, agent);
    },
    async resolveHandoff(id, agent, note) {
      await ensureChatSchema(deps.db);
      return resolveHandoff(handoffDeps, id, agent, note);
    },
    train: (options) => assistants.train(options),
  };
}

let chatbot: Chatbot | undefined;

/** The app's chatbot on the shared database, model store and env config (lazy singleton). */
export function getChatbot(): Chatbot {
  if (chatbot === undefined) {
    const config = getChatbotConfig();
    chatbot = createChatbot({
      db: getDb(),
      store: getModelStore,
      config,
      llm: getLlmAnswerer(),
      encoder: getSentenceEncoder,
      refreshIntervalMs: getSharedConfig().modelRefreshSeconds * 1000,
    });
  }
  return chatbot;
}

/** Forgets the singleton, or installs `replacement` (tests). */
export function resetChatbot(replacement?: Chatbot): void {
  chatbot = replacement;
}
