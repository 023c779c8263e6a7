// One chat turn: classify, retrieve, decide, answer (template or LLM), then record it without losing a turn.
import { recordPrediction } from '@suite/shared/telemetry';
import { randomUUID } from 'node:crypto';
import type { Db } from '@suite/shared/db';
import { ConflictError } from '@suite/shared/errors';
import type { StateStore } from '@suite/shared/state';
import { buildGroundedMessages } from '../llm/grounded-prompt.ts';
import type { LlmAnswerer } from '../llm/llm-answerer.ts';
import type { Assistant } from './assistant.ts';
import { localizedIntent } from '../kb/knowledge-base.ts';
import { insertTurn, lastTurnNumber } from '../store/turn-repository.ts';
import { openHandoff } from '../store/handoff-repository.ts';
import {
  applyTurn,
  type AnswerSource,
  type ConversationState,
  type HandoffReason,
} from '../conversation/conversation-state.ts';
import type { Decision } from '../conversation/dialogue-policy.ts';
import { decideMessage, followUpText } from '../conversation/decide-message.ts';

export interface ChatInput {
  /** A session the server issued; omit to start one. */
  sessionId?: string | undefined;
  /** The token issued with `sessionId`. */
  sessionToken?: string | undefined;
  message: string;
}

export interface ChatReply {
  sessionId: string;
  /** Only in the reply that started the session: present it in x-session-token from now on. */
  sessionToken?: string;
  turn: number;
  reply: string;
  intent: string | null;
  confidence: number;
  outOfScope: boolean;
  source: AnswerSource;
  followUpOf: string | null;
  kbEntries: Array<{ id: string; title: string }>;
  /** Language of the reply: the message's, among the knowledge base's languages. */
  language: string;
  /**
   * Language the message is written in, declared or not ("ja" to a base without Japanese, whose reply then opens
   * with a line saying it is answered in `language`); null when the message names none (digits, emoji).
   */
  messageLanguage: string | null;
  handedOff: boolean;
  handoffReason: HandoffReason | null;
  modelVersion: string;
}

export interface TurnDeps {
  db: Db;
  sessions: StateStore<ConversationState>;
  llm: LlmAnswerer | null;
  handoffAfterLowTurns: number;
  sessionTtlSeconds: number;
  log?: (message: string, error: unknown) => void;
}

/** A decided turn whose reply is still to be produced. */
export interface PreparedTurn {
  sessionId: string;
  decision: Decision;
  state: ConversationState | undefined;
  /** Version of `state` when read (0 = no state yet), for the compare-and-swap write. */
  stateVersion: number;
  assistant: Assistant;
  message: string;
  language: string;
  messageLanguage: string | null;
}

/** Classifies and decides a turn against a snapshot of the session (no writes yet). */
export async function prepareTurn(
  deps: TurnDeps,
  assistant: Assistant,
  input: ChatInput,
): Promise<PreparedTurn> {
  const sessionId = input.sessionId ?? randomUUID();
  const { encoder } = assistant;
  const entry = await deps.sessions.get(sessionId);
  const state = entry?.value;
  const started = performance.now();
  // One query-prompted embedding serves both uses: the classifier was trained on query-prompted examples, and
  // retrieval compares a query with passage-prompted entries (see trainOnKnowledgeBase and the assistant's retriever).
  const embedding = encoder ? (await encoder.embed([input.message], 'query'))[0] : undefined;
  const joined = followUpText(state, input.message);
  const contextualEmbedding =
    encoder && joined !== undefined ? (await encoder.embed([joined], 'query'))[0] : undefined;
  const { decision, language, messageLanguage } = decideMessage(
    assistant,
    input.message,
    state,
    deps.handoffAfterLowTurns,
    embedding,
    contextualEmbedding,
  );
  // The answer's model work: embeddings, intent classification, retrieval and the turn decision.
  recordPrediction(performance.now() - started, { app: 'chatbot', operation: 'decide' });
  return {
    sessionId,
    decision,
    state,
    stateVersion: entry?.version ?? 0,
    assistant,
    message: input.message,
    language,
    messageLanguage,
  };
}

/** The grounded LLM prompt for a prepared turn, or undefined when the template must be used as is. */
export function llmMessagesFor(deps: TurnDeps, turn: PreparedTurn) {
  // A message in an undeclared language gets the template with its notice, not an LLM's free rewording of both.
  if (deps.llm === null || turn.decision.source === 'handoff' || turn.decision.notice !== undefined)
    return undefined;
  return buildGroundedMessages({
    companyName: turn.assistant.kb.name,
    entries: turn.decision.entries,
    history: turn.state?.recent ?? [],
    message: turn.message,
    draft: turn.decision.reply,
    language: turn.language,
  });
}

/** Stores the turn: session state by compare-and-swap (a concurrent turn is re-applied, never lost), then the row. */
export async function recordTurn(
  deps: TurnDeps,
  turn: PreparedTurn,
  reply: string,
  source: AnswerSource,
): Promise<ChatReply> {
  const { decision, sessionId } = turn;
  const outcome = {
    message: turn.message,
    reply,
    intent: decision.intent,
    confidence: decision.confidence,
    source,
    lowConfidence: decision.lowConfidence,
    requestedHuman: decision.requestedHuman,
  };
  const now = new Date();
  // Only a session without live state can have older turns (its state expired after SESSION_TTL_SECONDS).
  const previousTurns = turn.state === undefined ? await lastTurnNumber(deps.db, sessionId) : 0;
  const next = (current: ConversationState | undefined) =>
    applyTurn(current, sessionId, outcome, deps.handoffAfterLowTurns, now, previousTurns);
  const ttlSeconds = deps.sessionTtlSeconds;
  let entry;
  try {
    // Usually nobody wrote since the read: one conditional write on the snapshot saves a round trip.
    entry = await deps.sessions.put(sessionId, next(turn.state), {
      expectedVersion: turn.stateVersion,
      ttlSeconds,
    });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    // A concurrent turn landed first: re-apply ours on top of it (read, apply, CAS, retried).
    entry = await deps.sessions.update(sessionId, next, { ttlSeconds });
  }
  const state = entry.value;
  const number = state.turnCount;
  await insertTurn(deps.db, {
    sessionId,
    turn: number,
    message: turn.message,
    reply,
    intent: decision.intent,
    confidence: decision.confidence,
    outOfScope: decision.outOfScope,
    source,
    kbEntries: decision.entries.map((e) => e.id),
    handedOff: state.handedOff,
    modelVersion: turn.assistant.modelVersion,
    language: turn.language,
    messageLanguage: turn.messageLanguage,
  });
  if (state.handedOff && state.handoffReason)
    await openHandoff(deps.db, sessionId, state.handoffReason, number, turn.message);
  return {
    sessionId,
    turn: number,
    reply,
    intent: decision.intent,
    confidence: decision.confidence,
    outOfScope: decision.outOfScope,
    source,
    followUpOf: decision.followUpOf,
    kbEntries: decision.entries.map((e) => ({ id: e.id, title: localizedIntent(e, turn.language).title })),
    language: turn.language,
    messageLanguage: turn.messageLanguage,
    handedOff: state.handedOff,
    handoffReason: state.handoffReason,
    modelVersion: turn.assistant.modelVersion,
  };
}

/** Answers one message; an LLM failure falls back to the template answer. */
export async function answerTurn(deps: TurnDeps, assistant: Assistant, input: ChatInput): Promise<ChatReply> {
  const turn = await prepareTurn(deps, assistant, input);
  const messages = llmMessagesFor(deps, turn);
  let reply = turn.decision.reply;
  let source = turn.decision.source;
  if (messages && deps.llm) {
    try {
      reply = await deps.llm.complete(messages);
      source = 'llm';
    } catch (error) {
      deps.log?.('LLM answer failed; using the template answer', error);
    }
  }
  return recordTurn(deps, turn, reply, source);
}
