import { describe, expect, it } from 'vitest';
import { decodeColumns, encodeColumns } from './column-codec.ts';
import { createStreamMfState, evaluateChunk, trainChunk } from './stream-mf.ts';

const rows = (n: number, seed: number) => {
  const user = new Int32Array(n);
  const item = new Int32Array(n);
  const rating = new Float32Array(n);
  const holdout = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    user[r] = 1 + ((r * 7 + seed) % 25);
    item[r] = 1 + ((r * 13 + seed * 3) % 30);
    rating[r] = 1 + ((user[r]! + item[r]!) % 5);
    holdout[r] = r % 10 === 0 ? 1 : 0;
  }
  return { user, item, rating, holdout };
};
const options = {
  k: 4,
  optimizer: 'adagrad' as const,
  learningRate: 0.1,
  reg: 0.01,
  epochsPerChunk: 1,
  seed: 5,
};

describe('streamed biased MF', () => {
  it('grows with the users and items of each chunk and learns: training error falls chunk after chunk', () => {
    let state = createStreamMfState(4);
    const errors: number[] = [];
    for (let chunk = 0; chunk < 6; chunk++) {
      const result = trainChunk(state, rows(400, chunk % 2), { ...options, seed: 5 + chunk });
      state = result.state;
      errors.push(result.sse / result.trained);
    }
    expect(state.userIds.length).toBe(25);
    expect(state.itemIds.length).toBe(30);
    expect(state.params.length).toBe(1 + 55 * 5);
    expect(errors.at(-1)!).toBeLessThan(errors[0]! * 0.7);
    const held = evaluateChunk(state, rows(400, 0));
    expect(held.n).toBe(40);
    expect(Math.sqrt(held.sse / held.n)).toBeLessThan(1.2);
  });

  it('is deterministic, and its state survives the column codec bit for bit', () => {
    const a = trainChunk(createStreamMfState(4), rows(300, 1), options).state;
    const b = trainChunk(createStreamMfState(4), rows(300, 1), options).state;
    expect(Array.from(a.params)).toEqual(Array.from(b.params));
    const bytes = encodeColumns(
      { k: 4 },
      { params: a.params, userIds: a.userIds, holdout: new Uint8Array([1, 0, 1]) },
    );
    const { meta, columns } = decodeColumns(bytes);
    expect(meta).toEqual({ k: 4 });
    expect(Array.from(columns.params as Float64Array)).toEqual(Array.from(a.params));
    expect(Array.from(columns.userIds as Int32Array)).toEqual(Array.from(a.userIds));
    expect(Array.from(columns.holdout as Uint8Array)).toEqual([1, 0, 1]);
  });
});
