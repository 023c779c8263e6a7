// The chatbot service: the one object handlers call (chat, feedback, conversations, handoffs, training, knowledge
// base). It makes sure the schema is ready before any SQL and holds the rules every entry point must obey.
import type { Db } from '@suite/shared/db';
import { createJobRunner, type JobRunner, type JobView } from '@suite/shared/jobs';
import { NotFoundError } from '@suite/shared/errors';
import type { ModelStore } from '@suite/shared/models';
import { createStateStore } from '@suite/shared/state';
import { DEFAULT_FEEDBACK_PER_CONVERSATION, type ChatbotConfig } from '../config/chatbot-config.ts';
import type { ConversationState } from '../conversation/conversation-state.ts';
import type { HandoffFilter, HandoffRow } from '../conversation/handoff-rules.ts';
import type { SentenceEncoder } from '../embeddings/sentence-encoder.ts';
import type { EdgeBundle } from '../edge/edge-bundle.ts';
import type { LlmAnswerer } from '../llm/llm-answerer.ts';
import { ensureChatSchema } from '../store/chat-schema.ts';
import { listHandoffs } from '../store/handoff-repository.ts';
import { listTurns, type TurnRow } from '../store/turn-repository.ts';
import {
  INTENT_MODEL,
  KNOWLEDGE_BASE_MODEL,
  createAssistantProvider,
  type AssistantDeps,
  type AssistantProvider,
  type ServedKnowledgeBase,
  type TrainResult,
} from './assistant.ts';
import { answerTurn, type ChatInput, type ChatReply, type TurnDeps } from './chat-turn.ts';
import {
  recordFeedback,
  reviewFeedback,
  type FeedbackInput,
  type FeedbackResult,
  type FeedbackReviewResult,
} from './feedback.ts';
import { listFeedback, type FeedbackRow, type FeedbackStatus } from '../store/feedback-repository.ts';
import { claimHandoff, resolveHandoff, type HandoffActionResult } from './handoff-actions.ts';
import { replyToHandoff, type AgentReplyInput, type AgentReplyResult } from './agent-reply.ts';
import { createEdgeBundles } from './edge-bundles.ts';
import { streamTurn, type ChatStreamEvent } from './stream-turn.ts';
import {
  ensureSessionAccess,
  issueSession,
  type IssuedSession,
  type SessionAccess,
} from './session-access.ts';

export interface Conversation {
  sessionId: string;
  state: ConversationState | null;
  turns: TurnRow[];
}

export interface Chatbot {
  readonly assistants: AssistantProvider;
  /**
   * Answers a message. Without `sessionId` a session is issued and the reply carries `sessionId` and
   * `sessionToken` (shown once); with it, `sessionToken` must be that session's (401 otherwise, 404 for an id
   * the server never issued).
   */
  chat(input: ChatInput, log?: TurnDeps['log']): Promise<ChatReply>;
  /** `chat` as events; a newly issued session's id and token are in the meta and done events. */
  chatStream(input: ChatInput, log?: TurnDeps['log']): AsyncGenerator<ChatStreamEvent>;
  /** Issues a session without a first message (its id and token, shown once). */
  startSession(): Promise<IssuedSession>;
  /**
   * Stores the right intent for a turn as a pending suggestion (the served classifier is untouched). A turn takes
   * one feedback: the same intent again returns the stored row (`created: false`), another intent is a
   * ConflictError; past FEEDBACK_PER_CONVERSATION in one conversation, a 429.
   */
  feedback(input: FeedbackInput, access: SessionAccess): Promise<FeedbackResult>;
  /** Feedback by review status, oldest first (admin: it shows customers' messages). */
  listFeedback(status: FeedbackStatus | 'all', limit: number): Promise<FeedbackRow[]>;
  /** An admin approves (the next training learns it) or rejects a feedback; a repeat changes nothing. */
  reviewFeedback(
    id: number,
    decision: 'approved' | 'rejected',
    reviewer: string,
  ): Promise<FeedbackReviewResult>;
  /** A conversation, for the holder of its session token or an agent (admin). */
  conversation(sessionId: string, access: SessionAccess): Promise<Conversation>;
  handoffs(status: HandoffFilter, limit: number): Promise<HandoffRow[]>;
  /** An agent takes a handoff: idempotent for the same agent, ConflictError when another has it or it is resolved. */
  claimHandoff(id: number, agent: string): Promise<HandoffActionResult>;
  /** An agent closes a handoff and the assistant answers the session again; idempotent for the same agent. */
  resolveHandoff(id: number, agent: string, note?: string): Promise<HandoffActionResult>;
  /**
   * The agent holding a handoff writes to the customer: stored as a turn (source 'agent') of the conversation.
   * With a `replyId`, a resend returns the stored turn (`created: false`).
   */
  replyToHandoff(id: number, input: AgentReplyInput): Promise<AgentReplyResult>;
  /** Retrain and publish now (the knowledge-base replacement and the first chat use it). */
  train(options?: { augment?: boolean; seed?: number }): Promise<TrainResult>;
  /**
   * Retrain as a job (POST /api/train): answers at once with it queued; a ConflictError while another job is
   * active on any instance. Its result is the published version with the trainer's info.
   */
  startTraining(options: { augment?: boolean; seed?: number }): Promise<JobView>;
  /** Training jobs (the chat_jobs table): read, list, cancel, stream. */
  jobs: JobRunner;
  /** What the model-version endpoints act on: the intent classifier (default) and the knowledge base. */
  models: {
    store: () => ModelStore;
    names: () => readonly string[];
    reload: (name: string) => Promise<unknown>;
  };
  knowledgeBase(): Promise<ServedKnowledgeBase>;
  /** Validates and publishes a replacement knowledge base (ValidationError names bad fields), then retrains. */
  replaceKnowledgeBase(value: unknown): Promise<TrainResult>;
  /** The served classifier and knowledge base for answering on a device (a ConflictError with a sentence encoder). */
  edgeBundle(): Promise<EdgeBundle>;
}

export interface ChatbotDeps {
  db: Db;
  store: ModelStore | (() => ModelStore);
  config: Pick<
    ChatbotConfig,
    'CHAT_MIN_CONFIDENCE' | 'HANDOFF_AFTER_LOW_TURNS' | 'SESSION_TTL_SECONDS' | 'KNOWLEDGE_BASE_FILE'
  > &
    Partial<Pick<ChatbotConfig, 'DEMO_KNOWLEDGE_BASE' | 'FEEDBACK_PER_CONVERSATION' | 'TRAINING_THREAD'>>;
  llm: LlmAnswerer | null;
  encoder: () => Promise<SentenceEncoder | undefined>;
  refreshIntervalMs?: number;
  /** The retrieval index worker's heap limits (none by default; tests make it fail with a tiny heap). */
  indexWorker?: AssistantDeps['indexWorker'];
}

/** Builds a chatbot on explicit dependencies (tests, benchmarks); the app uses `getChatbot()`. */
export function createChatbot(deps: ChatbotDeps): Chatbot {
  const { db } = deps;
  const feedbackLimit = deps.config.FEEDBACK_PER_CONVERSATION ?? DEFAULT_FEEDBACK_PER_CONVERSATION;
  const sessions = createStateStore<ConversationState>(db, 'chatbot-session');
  const assistants = createAssistantProvider({
    db,
    store: deps.store,
    encoder: deps.encoder,
    knowledgeBaseFile: deps.config.KNOWLEDGE_BASE_FILE,
    demoLanguages: deps.config.DEMO_KNOWLEDGE_BASE,
    minConfidence: deps.config.CHAT_MIN_CONFIDENCE,
    refreshIntervalMs: deps.refreshIntervalMs,
    trainingThread: deps.config.TRAINING_THREAD,
    indexWorker: deps.indexWorker,
  });
  const turnDeps = (log?: TurnDeps['log']): TurnDeps => ({
    db,
    sessions,
    llm: deps.llm,
    handoffAfterLowTurns: deps.config.HANDOFF_AFTER_LOW_TURNS,
    sessionTtlSeconds: deps.config.SESSION_TTL_SECONDS,
    log,
  });
  const jobs = createJobRunner({ db, table: 'chat_jobs', ready: () => ensureChatSchema(db) });
  const handoffDeps = { db, sessions, sessionTtlSeconds: deps.config.SESSION_TTL_SECONDS };
  const edgeBundleOf = createEdgeBundles(deps.config.HANDOFF_AFTER_LOW_TURNS);
  // Every turn goes to a session the server issued, and only its token holder may add to it.
  const beginTurn = async (input: ChatInput): Promise<{ sessionId: string; sessionToken?: string }> => {
    await ensureChatSchema(db);
    if (input.sessionId === undefined) return issueSession(db);
    await ensureSessionAccess(db, input.sessionId, input);
    return { sessionId: input.sessionId };
  };

  return {
    assistants,
    async chat(input, log) {
      const session = await beginTurn(input);
      const reply = await answerTurn(turnDeps(log), await assistants.get(), { ...input, ...session });
      return { ...reply, ...session };
    },
    async *chatStream(input, log) {
      const session = await beginTurn(input);
      for await (const event of streamTurn(turnDeps(log), await assistants.get(), { ...input, ...session })) {
        if (event.type === 'meta') yield { ...event, ...session };
        else if (event.type === 'done') yield { ...event, reply: { ...event.reply, ...session } };
        else yield event;
      }
    },
    async startSession() {
      await ensureChatSchema(db);
      return issueSession(db);
    },
    async feedback(input, access) {
      await ensureChatSchema(db);
      await ensureSessionAccess(db, input.sessionId, access);
      return recordFeedback(db, await assistants.get(), input, feedbackLimit);
    },
    async listFeedback(status, limit) {
      await ensureChatSchema(db);
      return listFeedback(db, status, limit);
    },
    async reviewFeedback(id, decision, reviewer) {
      await ensureChatSchema(db);
      return reviewFeedback(db, id, decision, reviewer);
    },
    async conversation(sessionId, access) {
      await ensureChatSchema(db);
      await ensureSessionAccess(db, sessionId, access, true);
      const [entry, turns] = await Promise.all([sessions.get(sessionId), listTurns(db, sessionId)]);
      if (entry === undefined && turns.length === 0)
        throw new NotFoundError(`conversation ${sessionId} not found`);
      return { sessionId, state: entry?.value ?? null, turns };
    },
    async handoffs(status, limit) {
      await ensureChatSchema(db);
      return listHandoffs(db, status, limit);
    },
    async claimHandoff(id, agent) {
      await ensureChatSchema(db);
      return claimHandoff(handoffDeps, id, agent);
    },
    async resolveHandoff(id, agent, note) {
      await ensureChatSchema(db);
      return resolveHandoff(handoffDeps, id, agent, note);
    },
    async replyToHandoff(id, input) {
      await ensureChatSchema(db);
      return replyToHandoff(handoffDeps, id, input);
    },
    train: (options) => assistants.train(options),
    jobs,
    models: {
      store: () => (typeof deps.store === 'function' ? deps.store() : deps.store),
      names: () => [INTENT_MODEL, KNOWLEDGE_BASE_MODEL],
      reload: (name) => assistants.reload(name),
    },
    async startTraining(options) {
      const started = await jobs.start(
        'train',
        options,
        async (job) => {
          // The classifier trains in one piece, in a worker thread: a cancel ends that thread (nothing is published).
          await job.report(0, { stage: 'training' });
          return assistants.train({ ...options, signal: job.signal });
        },
        ({ manifest, info }) => ({
          model: manifest.name,
          version: manifest.version,
          sizeBytes: manifest.sizeBytes,
          info,
        }),
      );
      return started.job;
    },
    knowledgeBase: () => assistants.knowledgeBase(),
    replaceKnowledgeBase: (value) => assistants.replaceKnowledgeBase(value),
    edgeBundle: async () => edgeBundleOf(await assistants.get()),
  };
}
