// Thousands of seeded hostile requests against the whole app on the dev host (PostgreSQL when DATABASE_URL is set):
// no 5xx, no request left without an answer, and health still answers afterwards.
import { resolve } from 'node:path';
import { startHost } from '@suite/host';
import { fuzzApp } from '@suite/shared/testing';
import { expect, it } from 'vitest';

it('survives 1500 hostile requests without a 5xx or a hang, and health answers after', async () => {
  const report = await fuzzApp({
    entry: resolve(import.meta.dirname, '../index.ts'),
    startHost,
    count: 1500,
    seed: 10,
  });
  console.info(`fuzz on ${report.database}: ${JSON.stringify(report.byStatus)}`);
  expect(report.findings).toEqual([]);
  expect(report.requests).toBe(1500);
  expect(report.healthAfter).toBe(200);
}, 600_000);
