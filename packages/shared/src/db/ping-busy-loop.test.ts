// A health ping while the process is busy (synchronous training work with short breaks, as at a chatbot's start)
// still answers true: its deadline once spent the busy time too, and the chatbot's fuzz test saw /api/health
// answer 503 with a database that was there all along. A hung connection still answers false.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testEngines, type TestDb } from '../testing/test-db.ts';
import { pingWithin } from './ping-within.ts';

/** Blocks the event loop for `ms`, then lets it turn, for `totalMs`: busy most of the time, as training is. */
async function busyStretches(ms: number, totalMs: number): Promise<void> {
  const end = performance.now() + totalMs;
  while (performance.now() < end) {
    const until = performance.now() + ms;
    while (performance.now() < until);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe.each(testEngines())('ping on %s while the event loop is mostly busy', (engine) => {
  let db: TestDb;
  // PGlite boots here, in the hook's bound: at load 40-70 a boot alone outlasted the test's 30 s (bench/RESULTS.md, 2 Dec).
  beforeAll(async () => {
    db = await createTestDb(engine);
    expect(await db.ping(30_000)).toBe(true);
  });
  afterAll(() => db?.dispose());

  it('answers true: busy is not down', async () => {
    const answer = db.ping(1_000);
    await busyStretches(400, 3_000);
    expect(await answer).toBe(true);
  }, 30_000);
});

describe('pingWithin', () => {
  it('answers false for a probe that never settles, after about its deadline on a free loop', async () => {
    const started = performance.now();
    expect(await pingWithin(() => new Promise(() => {}), 300)).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });
});
