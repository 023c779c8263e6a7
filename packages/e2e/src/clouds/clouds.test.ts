// Every app's AWS, GCP and Alibaba artifacts, started as their platforms start them, answer the same requests with
// the same status codes and bodies as the Azure package on suite-host: problem+json errors, 404 / 405, streams.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudTarget, type CloudTarget, type RunningTarget } from '@suite/adapters/testing';
import { buildUnpackedTargets } from '@suite/tooling';
import { createIsolatedState, type IsolatedState } from '../isolated-state.ts';
import {
  ADMIN_KEY,
  chatbotCases,
  comparable,
  recommenderCases,
  smokeCases,
  type ConformanceCase,
} from './conformance-cases.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
// CLOUDS_TEST_PORTS=7300-7319 keeps one worktree's targets in its own block when several run the test at once.
const [firstPort, lastPort] = (process.env.CLOUDS_TEST_PORTS ?? '18400-18599').split('-').map(Number);
const PORTS: [number, number] = [firstPort ?? 18400, lastPort ?? 18599];
const CLOUDS: CloudTarget[] = ['aws', 'aws-stream', 'gcp', 'aliyun'];

/** The recommender runs every case; the other apps the smoke cases (the adapter code is the same for all). */
/** `shareStreaming`: read-only cases, so the aws process answers its streaming handler too (one process fewer). */
const PLANS: Array<{
  app: string;
  cases: () => ConformanceCase[];
  timer?: string;
  shareStreaming?: boolean;
}> = [
  { app: 'recommender', cases: recommenderCases, timer: 'batchTimer' },
  { app: 'anomaly', cases: smokeCases, timer: 'alertsTimer', shareStreaming: true },
  { app: 'chatbot', cases: chatbotCases, shareStreaming: true },
  { app: 'inference', cases: smokeCases, shareStreaming: true },
].filter(({ app }) => existsSync(join(REPO_ROOT, 'apps', app, 'src', 'index.ts')));

/**
 * Polls /api/health until it answers 200. A connection reset or refused while the process starts is part of
 * starting (the AWS and FC local runtimes reset a connection while the handler still loads: seen at load 16-30),
 * so it is retried like a 503, and only the deadline fails, naming the last answer or error.
 */
async function untilHealthy(target: RunningTarget): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    let last: string;
    try {
      const answer = await target.request({ method: 'GET', path: '/api/health' });
      if (answer.status === 200) return;
      last = `${answer.status} ${answer.body.toString()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) throw new Error(`${target.target}: /api/health ${last}`);
    await new Promise((done) => setTimeout(done, 300));
  }
}

describe.each(PLANS)('$app on every cloud', ({ app, cases, timer, shareStreaming }) => {
  const targets = new Map<CloudTarget, RunningTarget>();
  const states: IsolatedState[] = [];
  let dispose = () => {};

  beforeAll(async () => {
    // The package test unzips every app's zip already; here the package folders run as built (zip time saved).
    const built = await buildUnpackedTargets(
      join(REPO_ROOT, 'apps', app),
      ['azure', 'aws', 'gcp', 'aliyun'],
      {
        zip: false,
      },
    );
    dispose = built.dispose;
    for (const target of ['azure', ...CLOUDS] as CloudTarget[]) {
      if (target === 'aws-stream' && shareStreaming) {
        targets.set(target, targets.get('aws')!.streaming!);
        continue;
      }
      // Each target gets its own fresh state, so the same requests in the same order meet the same data.
      const state = await createIsolatedState(`clouds_${app}_${target.replace('-', '_')}`, {
        env: { ADMIN_KEY },
      });
      states.push(state);
      const dir =
        built.packages[target === 'aws-stream' ? 'aws' : (target as 'azure' | 'aws' | 'gcp' | 'aliyun')]!.dir;
      targets.set(
        target,
        await startCloudTarget({ target, dir, env: { ...state.env, REQUEST_LOG: 'off' }, ports: PORTS }),
      );
    }
    // A cold instance answers 503 `starting` while its embedded database boots (on every platform alike): the
    // cases compare warm instances, so each target is asked for its health until it is ready.
    await Promise.all([...targets.values()].map((t) => untilHealthy(t)));
  }, 600_000);

  afterAll(async () => {
    await Promise.all([...targets.values()].map((t) => t.stop()));
    await Promise.all(states.map((s) => s.dispose()));
    dispose();
  });

  it('answers every conformance case as Azure does', async () => {
    const mismatches: string[] = [];
    for (const c of cases()) {
      const azure = comparable(await targets.get('azure')!.request(c.request), c.agreement);
      if (c.expected) {
        expect(azure.status, c.name).toBe(c.expected.status);
        expect(String(azure.body), c.name).toMatch(c.expected.body);
      }
      for (const target of CLOUDS) {
        const raw = await targets.get(target)!.request(c.request);
        const answer = comparable(raw, c.agreement);
        if (c.differsOn?.[target]) {
          // A documented difference still keeps the status (the request is refused the same way).
          if (answer.status !== azure.status)
            mismatches.push(`${c.name} on ${target}: status ${answer.status} vs ${azure.status}`);
          continue;
        }
        try {
          expect(answer, `${c.name} on ${target}`).toEqual(azure);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          const [a, b] = [String(answer.body), String(azure.body)];
          let at = 0;
          while (at < a.length && a[at] === b[at]) at += 1;
          const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 60), at + 100));
          mismatches.push(
            `${message.slice(0, 200)}; ${target} ${raw.status} ${around(a)} vs azure ${around(b)}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 300_000);

  it.runIf(timer !== undefined)(
    'runs a timer through each platform scheduler path',
    async () => {
      for (const [target, running] of targets) {
        if (target === 'aws-stream') continue; // schedules invoke the buffered handler
        const outcome = await running.runTimer(timer!, ADMIN_KEY);
        expect(outcome.ok, `${target}: ${outcome.detail}`).toBe(true);
      }
    },
    300_000,
  );
});
