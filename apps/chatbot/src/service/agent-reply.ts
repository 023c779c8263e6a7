// An agent's reply to the customer during a handoff: stored as a turn of the conversation (source 'agent').
import { ConflictError } from '@suite/shared/errors';
import { decideReply } from '../conversation/handoff-rules.ts';
import { getHandoff } from '../store/handoff-repository.ts';
import { findAgentReply, insertAgentTurn, lastTurnNumber, type TurnRow } from '../store/turn-repository.ts';
import type { HandoffServiceDeps } from './handoff-actions.ts';

export interface AgentReplyInput {
  agent: string;
  message: string;
  /** Chosen by the agent's client: the same id again (a retry) returns the stored reply instead of a second one. */
  replyId?: string;
}

export interface AgentReplyResult {
  turn: TurnRow;
  /** False when `replyId` named a reply already stored (nothing changed). */
  created: boolean;
}

/**
 * Stores `input.message` as the next turn of the handoff's conversation. Only the agent holding the handoff may
 * reply (ConflictError otherwise: open, claimed by another, resolved); NotFoundError for an unknown handoff. The
 * turn number comes from the session state by compare-and-swap, as customer turns do, so the two never collide.
 */
export async function replyToHandoff(
  deps: HandoffServiceDeps,
  handoffId: number,
  input: AgentReplyInput,
): Promise<AgentReplyResult> {
  const replyId = input.replyId ?? null;
  if (replyId !== null) {
    const stored = await findAgentReply(deps.db, handoffId, replyId);
    if (stored !== undefined) return sameReply(stored, input);
  }
  const handoff = await getHandoff(deps.db, handoffId);
  const decision = decideReply(handoff, input.agent);
  if (decision !== 'apply')
    throw new ConflictError(decision, {
      id: handoffId,
      status: handoff.status,
      claimedBy: handoff.claimedBy,
    });
  const turn = await nextTurnNumber(deps, handoff.sessionId);
  const stored = await insertAgentTurn(deps.db, {
    sessionId: handoff.sessionId,
    turn,
    handoffId,
    agent: input.agent,
    message: input.message,
    replyId,
  });
  if (stored !== undefined) return { turn: stored, created: true };
  // The same reply id raced in from another request: that one is the reply (this turn number stays unused).
  return sameReply((await findAgentReply(deps.db, handoffId, replyId!))!, input);
}

function sameReply(stored: TurnRow, input: AgentReplyInput): AgentReplyResult {
  if (stored.reply !== input.message || stored.agent !== input.agent)
    throw new ConflictError(`reply ${input.replyId} was already sent with another text or by another agent`, {
      turn: stored.turn,
    });
  return { turn: stored, created: false };
}

/** Reserves the session's next turn number: on its state when it has one, else after its last recorded turn. */
async function nextTurnNumber(deps: HandoffServiceDeps, sessionId: string): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const entry = await deps.sessions.get(sessionId);
    if (entry === undefined) return (await lastTurnNumber(deps.db, sessionId)) + 1;
    const next = { ...entry.value, turnCount: entry.value.turnCount + 1 };
    try {
      await deps.sessions.put(sessionId, next, {
        expectedVersion: entry.version,
        ttlSeconds: deps.sessionTtlSeconds,
      });
      return next.turnCount;
    } catch (error) {
      // A customer turn landed meanwhile: take the number after it.
      if (!(error instanceof ConflictError) || attempt >= 20) throw error;
    }
  }
}
