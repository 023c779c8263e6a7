// Per-session conversation state kept in the shared state store, and the pure rule that folds a turn into it.

/** Where a reply came from. */
export type AnswerSource = 'template' | 'follow_up' | 'llm' | 'out_of_scope' | 'handoff';

export type HandoffReason = 'requested' | 'low_confidence';

/** One answered turn as remembered in the session (the full record lives in chat_turns). */
export interface TurnSummary {
  turn: number;
  at: string;
  message: string;
  reply: string;
  intent: string | null;
  confidence: number;
  source: AnswerSource;
}

export interface ConversationState {
  sessionId: string;
  createdAt: string;
  /** Turns answered so far; the next turn gets number `turnCount + 1`. */
  turnCount: number;
  /** Intent of the last confident turn: follow-up questions resolve against it. */
  lastIntent: string | null;
  /** Consecutive low-confidence turns. */
  lowConfidenceStreak: number;
  handedOff: boolean;
  handoffReason: HandoffReason | null;
  /** The last few turns, for follow-ups and LLM context. */
  recent: TurnSummary[];
}

/** How many turns the state keeps in `recent`. */
export const RECENT_TURNS = 6;

/** What a decided turn contributes to the state. */
export interface TurnOutcome {
  message: string;
  reply: string;
  intent: string | null;
  confidence: number;
  source: AnswerSource;
  /** The turn was not understood with confidence. */
  lowConfidence: boolean;
  /** The user asked for a person. */
  requestedHuman: boolean;
}

/**
 * Folds one turn into the state (pure: the state store may run it again after a lost race, on newer state).
 * Handoff happens when the user asks for a person or when `handoffAfterLowTurns` low turns come in a row.
 */
export function applyTurn(
  current: ConversationState | undefined,
  sessionId: string,
  outcome: TurnOutcome,
  handoffAfterLowTurns: number,
  now: Date,
  /** Turns already recorded for a session whose state expired, so numbering continues. */
  previousTurns = 0,
): ConversationState {
  const base: ConversationState = current ?? {
    sessionId,
    createdAt: now.toISOString(),
    turnCount: previousTurns,
    lastIntent: null,
    lowConfidenceStreak: 0,
    handedOff: false,
    handoffReason: null,
    recent: [],
  };
  const turn = base.turnCount + 1;
  const streak = outcome.lowConfidence ? base.lowConfidenceStreak + 1 : 0;
  let handoffReason = base.handoffReason;
  if (!base.handedOff) {
    if (outcome.requestedHuman) handoffReason = 'requested';
    else if (streak >= handoffAfterLowTurns) handoffReason = 'low_confidence';
  }
  const summary: TurnSummary = {
    turn,
    at: now.toISOString(),
    message: outcome.message,
    reply: outcome.reply,
    intent: outcome.intent,
    confidence: outcome.confidence,
    source: outcome.source,
  };
  return {
    ...base,
    turnCount: turn,
    lastIntent: outcome.lowConfidence ? base.lastIntent : (outcome.intent ?? base.lastIntent),
    lowConfidenceStreak: streak,
    handedOff: handoffReason !== null,
    handoffReason,
    recent: [...base.recent, summary].slice(-RECENT_TURNS),
  };
}
