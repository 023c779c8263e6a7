// Handoffs to a person as the domain sees them: their record, and the rule deciding what an agent's action does.
import type { HandoffReason } from './conversation-state.ts';

export type HandoffStatus = 'open' | 'claimed' | 'resolved';
/** List filter: a status, `unresolved` (open or claimed) or `all`. */
export type HandoffFilter = HandoffStatus | 'unresolved' | 'all';

export interface HandoffRow {
  id: number;
  sessionId: string;
  reason: HandoffReason;
  status: HandoffStatus;
  turn: number;
  lastMessage: string;
  createdAt: string;
  claimedBy: string | null;
  claimedAt: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  resolutionNote: string | null;
}

export type HandoffAction =
  { kind: 'claim'; agent: string } | { kind: 'resolve'; agent: string; note?: string };

/**
 * What an action does to a handoff: `apply` changes it, `same` is a repeat of what this agent already did
 * (idempotent), otherwise the conflict to report. Claiming needs an open handoff (or the agent's own claim);
 * resolving needs it open or claimed by the same agent.
 */
export function decideHandoffAction(row: HandoffRow, action: HandoffAction): 'apply' | 'same' | string {
  const { agent } = action;
  if (row.status === 'resolved')
    return action.kind === 'resolve' && row.resolvedBy === agent
      ? 'same'
      : `handoff ${row.id} was already resolved by ${row.resolvedBy ?? 'someone else'}`;
  if (row.status === 'claimed' && row.claimedBy !== agent)
    return `handoff ${row.id} is claimed by ${row.claimedBy ?? 'someone else'}`;
  if (action.kind === 'claim' && row.status === 'claimed') return 'same';
  return 'apply';
}

/**
 * Whether `agent` may reply to the customer on a handoff: only while they hold it (claimed by them). Otherwise the
 * conflict to report.
 */
export function decideReply(row: HandoffRow, agent: string): 'apply' | string {
  if (row.status === 'resolved') return `handoff ${row.id} was resolved by ${row.resolvedBy ?? 'someone'}`;
  if (row.status === 'open') return `claim handoff ${row.id} before replying`;
  if (row.claimedBy !== agent) return `handoff ${row.id} is claimed by ${row.claimedBy ?? 'someone else'}`;
  return 'apply';
}
