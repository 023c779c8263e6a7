// The handoff rule alone: which agent actions apply, repeat, or conflict.
import { describe, expect, it } from 'vitest';
import { decideHandoffAction, type HandoffRow } from './handoff-rules.ts';

describe('decideHandoffAction', () => {
  const row = (over: Partial<HandoffRow>): HandoffRow => ({
    id: 1,
    sessionId: 's',
    reason: 'requested',
    status: 'open',
    turn: 1,
    lastMessage: 'm',
    createdAt: '',
    claimedBy: null,
    claimedAt: null,
    resolvedBy: null,
    resolvedAt: null,
    resolutionNote: null,
    ...over,
  });
  it('lets an agent claim or resolve an open handoff, and repeat its own action', () => {
    expect(decideHandoffAction(row({}), { kind: 'claim', agent: 'ann' })).toBe('apply');
    expect(decideHandoffAction(row({}), { kind: 'resolve', agent: 'ann' })).toBe('apply');
    const claimed = row({ status: 'claimed', claimedBy: 'ann' });
    expect(decideHandoffAction(claimed, { kind: 'claim', agent: 'ann' })).toBe('same');
    expect(decideHandoffAction(claimed, { kind: 'resolve', agent: 'ann' })).toBe('apply');
    const resolved = row({ status: 'resolved', resolvedBy: 'ann' });
    expect(decideHandoffAction(resolved, { kind: 'resolve', agent: 'ann' })).toBe('same');
  });
  it("refuses another agent's claim or resolution", () => {
    const claimed = row({ status: 'claimed', claimedBy: 'ann' });
    expect(decideHandoffAction(claimed, { kind: 'claim', agent: 'bob' })).toMatch(/claimed by ann/);
    expect(decideHandoffAction(claimed, { kind: 'resolve', agent: 'bob' })).toMatch(/claimed by ann/);
    const resolved = row({ status: 'resolved', resolvedBy: 'ann' });
    expect(decideHandoffAction(resolved, { kind: 'resolve', agent: 'bob' })).toMatch(/resolved by ann/);
    expect(decideHandoffAction(resolved, { kind: 'claim', agent: 'ann' })).toMatch(/resolved by ann/);
  });
});
