// The DSGD schedule: the strata of a step are disjoint in users and items, and an epoch covers every block once.
import { describe, expect, it } from 'vitest';
import { getStratum, partitionRows } from './dsgd-schedule.ts';

describe('getStratum', () => {
  it.each([1, 2, 3, 8])(
    'gives %i workers disjoint blocks in every step and every cell once per epoch',
    (B) => {
      const seen = new Set<string>();
      for (let s = 0; s < B; s++) {
        const users = new Set<number>();
        const items = new Set<number>();
        for (let w = 0; w < B; w++) {
          const { userBlock, itemBlock } = getStratum(B, s, w);
          users.add(userBlock);
          items.add(itemBlock);
          seen.add(`${userBlock},${itemBlock}`);
        }
        expect(users.size).toBe(B);
        expect(items.size).toBe(B);
      }
      expect(seen.size).toBe(B * B);
    },
  );

  it('refuses a step or worker outside the schedule', () => {
    expect(() => getStratum(4, 4, 0)).toThrow(RangeError);
    expect(() => getStratum(4, 0, -1)).toThrow(RangeError);
  });
});

describe('partitionRows', () => {
  it('deals every row to one block, balancing the weights', () => {
    const weight = Array.from({ length: 100 }, (_, r) => 1 + ((r * 37) % 50));
    const { blockOf, rows } = partitionRows(weight, 4);
    expect(rows.flatMap((r) => [...r]).sort((a, b) => a - b)).toEqual(weight.map((_, r) => r));
    rows.forEach((list, b) => list.forEach((r) => expect(blockOf[r]).toBe(b)));
    const loads = rows.map((list) => [...list].reduce((s, r) => s + (weight[r] as number), 0));
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(50);
  });
});
