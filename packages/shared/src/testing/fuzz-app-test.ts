// The whole-app fuzz test every app runs, written once: seeded hostile requests against the app on the dev host
// (PostgreSQL when DATABASE_URL is set): no 5xx, no request left without an answer, and health answers afterwards.
import { expect, it } from 'vitest';
import { fuzzApp, type FuzzAppOptions } from './fuzz-app.ts';

const COUNT = 1500;
const SEED = 10;

/**
 * Registers the app's fuzz test: {@link fuzzApp} with 1500 requests (seed 10), expecting no findings, every request
 * sent and health answering 200 after. Pass a wrapped `startHost` for an app that must be warmed before the run.
 *
 * @example
 * itSurvivesFuzz({ entry: resolve(import.meta.dirname, '../index.ts'), startHost });
 */
export function itSurvivesFuzz(options: FuzzAppOptions): void {
  const count = options.count ?? COUNT;
  it(`survives ${count} hostile requests without a 5xx or a hang, and health answers after`, async () => {
    const report = await fuzzApp({ seed: SEED, ...options, count });
    console.info(`fuzz on ${report.database}: ${JSON.stringify(report.byStatus)}`);
    expect(report.findings).toEqual([]);
    expect(report.requests).toBe(count);
    expect(report.healthAfter).toBe(200);
  }, 600_000);
}
