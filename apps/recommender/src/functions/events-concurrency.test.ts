// Two POST /api/events for one user at once, on real database engines: the user's online overlay must come
// out as if the two had been handled one after the other, never as one of them alone.
import { testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../testing/http-test-kit.ts';
import {
  createRecommenderTestKit,
  seedDemo,
  TEST_ADMIN_KEY,
  type RecommenderTestKit,
} from '../testing/recommender-test-kit.ts';
import { events } from './events.ts';

const ADMIN = { 'x-admin-key': TEST_ADMIN_KEY };
/** Fresh users (nothing rated, no profile), so every one starts from the same empty overlay. */
const FIRST_USER = 950_000;
const PAIRS = 12;

interface Overlay {
  bias: number;
  factors: number[];
}

describe.each(testEngines())('concurrent POST /api/events for one user on %s', (engine) => {
  let kit: RecommenderTestKit;
  beforeAll(async () => {
    kit = await createRecommenderTestKit(engine);
    await seedDemo(kit.recommender, { kind: 'mf', k: 4, epochs: 2 });
  });
  afterAll(async () => {
    await kit.dispose();
  });

  const rating = (userId: number, itemId: number, value: number, at: string) => ({
    type: 'rating',
    userId,
    itemId,
    rating: value,
    occurredAt: at,
  });
  const a = (u: number) => rating(u, 3, 1, '2026-01-01T10:00:00Z');
  const b = (u: number) => rating(u, 7, 5, '2026-01-01T11:00:00Z');
  const overlayOf = async (u: number): Promise<Overlay> => {
    const r = await kit.db.query<{ value: Overlay }>(
      "SELECT value FROM suite_state WHERE namespace = 'recommender-user' AND key = $1",
      [`user:${u}`],
    );
    return r.rows[0]!.value;
  };
  const same = (x: Overlay, y: Overlay) =>
    Math.abs(x.bias - y.bias) < 1e-9 && x.factors.every((f, i) => Math.abs(f - (y.factors[i] ?? NaN)) < 1e-9);

  it('folds in both ratings, as one after the other would, for every pair sent at once', async () => {
    // What serialised pairs can come out as: two fold-ins, the second over both ratings, the first over
    // A, B or (when both ratings were stored before either fold-in) both. Built one request at a time on
    // users of their own: re-sending A's rating (unchanged, so only a fold-in) stands for a fold-in over both.
    let next = FIRST_USER;
    const build = async (steps: Array<'a' | 'b' | 'import'>) => {
      const u = next++;
      for (const step of steps) {
        if (step === 'import') {
          await kit.recommender.importData(
            'ratings',
            JSON.stringify(
              [a(u), b(u)].map((r) => ({ user: u, item: r.itemId, rating: r.rating, time: r.occurredAt })),
            ),
            'json',
          );
        } else {
          const body = step === 'a' ? a(u) : b(u);
          expect((await call(events, { headers: ADMIN, body })).status).toBe(201);
        }
      }
      return overlayOf(u);
    };
    const outcomes = {
      'a then b': await build(['a', 'b']),
      'b then a': await build(['b', 'a']),
      'both, then both': await build(['import', 'a', 'a']),
      'a alone (b lost)': await build(['a']),
      'b alone (a lost)': await build(['b']),
      'one fold-in lost': await build(['import', 'a']),
    };
    const seen: string[] = [];
    for (let p = 0; p < PAIRS; p++) {
      const u = FIRST_USER + 100 + p;
      const answers = await Promise.all([
        call(events, { headers: ADMIN, body: a(u) }),
        call(events, { headers: ADMIN, body: b(u) }),
      ]);
      expect(answers.map((r) => r.status)).toEqual([201, 201]);
      const got = await overlayOf(u);
      seen.push(Object.entries(outcomes).find(([, o]) => same(got, o))?.[0] ?? 'none of these');
    }
    expect(seen.filter((o) => !['a then b', 'b then a', 'both, then both'].includes(o))).toEqual([]);
    const rated = await kit.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM rec_ratings WHERE user_id >= $1',
      [FIRST_USER + 100],
    );
    expect(rated.rows[0]!.n).toBe(2 * PAIRS);
  });
});
