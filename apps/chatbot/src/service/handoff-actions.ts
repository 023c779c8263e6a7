// Agent actions on handoffs: claim, and resolve (which hands the conversation back to the assistant).
import { ConflictError } from '@suite/shared/errors';
import type { Db } from '@suite/shared/db';
import type { StateStore } from '@suite/shared/state';
import type { ConversationState } from '../conversation/conversation-state.ts';
import type { HandoffRow } from '../conversation/handoff-rules.ts';
import { actOnHandoff, markResolvedTurn } from '../store/handoff-repository.ts';

export interface HandoffServiceDeps {
  db: Db;
  sessions: StateStore<ConversationState>;
  sessionTtlSeconds: number;
}

export interface HandoffActionResult {
  handoff: HandoffRow;
  /** False when the call repeated one this agent had already made (nothing changed). */
  changed: boolean;
}

export function claimHandoff(
  deps: HandoffServiceDeps,
  id: number,
  agent: string,
): Promise<HandoffActionResult> {
  return actOnHandoff(deps.db, id, { kind: 'claim', agent });
}

/**
 * Resolves a handoff, then clears the session's handoff flag and low-confidence streak so the assistant answers
 * again (a later request for a person opens a new handoff). A session whose state expired has nothing to clear.
 */
export async function resolveHandoff(
  deps: HandoffServiceDeps,
  id: number,
  agent: string,
  note?: string,
): Promise<HandoffActionResult> {
  const result = await actOnHandoff(deps.db, id, { kind: 'resolve', agent, note });
  if (!result.changed) return result;
  const turn = await releaseSession(deps, result.handoff.sessionId);
  if (turn !== undefined) await markResolvedTurn(deps.db, id, turn);
  return result;
}

/** Compare-and-swap on the session state; returns its turn count after the release, undefined without state. */
async function releaseSession(deps: HandoffServiceDeps, sessionId: string): Promise<number | undefined> {
  for (let attempt = 0; ; attempt++) {
    const entry = await deps.sessions.get(sessionId);
    if (entry === undefined) return undefined;
    const released: ConversationState = {
      ...entry.value,
      handedOff: false,
      handoffReason: null,
      lowConfidenceStreak: 0,
    };
    try {
      await deps.sessions.put(sessionId, released, {
        expectedVersion: entry.version,
        ttlSeconds: deps.sessionTtlSeconds,
      });
      return released.turnCount;
    } catch (error) {
      // A turn landed meanwhile: release on top of it.
      if (!(error instanceof ConflictError) || attempt >= 20) throw error;
    }
  }
}
