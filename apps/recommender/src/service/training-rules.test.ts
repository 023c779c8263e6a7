import { ValidationError } from '@suite/shared/errors';
import { describe, expect, it } from 'vitest';
import { resolveWithinBudget } from './training-rules.ts';

describe('training rules', () => {
  it('resolves options within the budget and refuses a job above it, naming the options to lower', () => {
    expect(resolveWithinBudget({ kind: 'fm' }).k).toBe(24);
    expect(() => resolveWithinBudget({ k: 256, epochs: 500, blend: 8 })).toThrow(ValidationError);
    expect(() => resolveWithinBudget({ kind: 'fm', k: 8, epochs: 400, chunk: 1, maxChunks: 100000 })).toThrow(
      /maxChunks/,
    );
  });
});
