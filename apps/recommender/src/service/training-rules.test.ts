import { ConflictError, ValidationError } from '@suite/shared/errors';
import { describe, expect, it } from 'vitest';
import { createJobGate, resolveWithinBudget } from './training-rules.ts';

describe('training rules', () => {
  it('resolves options within the budget and refuses a job above it, naming the options to lower', () => {
    expect(resolveWithinBudget({ kind: 'fm' }).k).toBe(24);
    expect(() => resolveWithinBudget({ k: 256, epochs: 500, blend: 8 })).toThrow(ValidationError);
    expect(() => resolveWithinBudget({ kind: 'fm', k: 8, epochs: 400, chunk: 1, maxChunks: 100000 })).toThrow(
      /maxChunks/,
    );
  });

  it('runs one job at a time, refusing the second before it starts, and frees the gate after a failure', async () => {
    const gate = createJobGate();
    let release!: () => void;
    let started = 0;
    const first = gate.run(async () => {
      started++;
      await new Promise<void>((resolve) => (release = resolve));
      return 'first';
    });
    await expect(gate.run(async () => started++)).rejects.toBeInstanceOf(ConflictError);
    expect(started).toBe(1);
    release();
    await expect(first).resolves.toBe('first');
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(async () => 'again')).resolves.toBe('again');
  });
});
