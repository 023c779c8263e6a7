// Every package's vitest runs two test files at a time at least, also on the 2-core CI machine, where vitest's own
// default (one fewer than the cores) ran them one by one: one core idled while a file waited on Azurite, Postgres,
// a child process or a browser, and the package turbo started last ran on one core of two.
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { baseTestConfig } from '../../../vitest.shared.ts';

describe('the shared vitest config', () => {
  it('runs at least two test files at a time, and one fewer than the cores where there are more', () => {
    expect(baseTestConfig.test?.maxWorkers).toBe(Math.max(availableParallelism() - 1, 2));
    expect(baseTestConfig.test?.maxWorkers).toBeGreaterThanOrEqual(2);
  });
});
