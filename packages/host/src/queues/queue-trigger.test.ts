import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { QueueServiceClient } from '@azure/storage-queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueFixtureState } from '../fixtures/queue-app/index.ts';
import { startHost, type RunningHost } from '../start-host.ts';
import { startTestStorage } from './test-azurite.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/queue-app/index.ts', import.meta.url));
const storage = await startTestStorage();
if (storage.skip) console.warn(`queue trigger tests skipped: ${storage.skip}`);

const run = randomUUID().slice(0, 8);
const names = {
  WORK_QUEUE: `work-${run}`,
  DONE_QUEUE: `done-${run}`,
  SLOW_QUEUE: `slow-${run}`,
  RELAY_QUEUE: `relay-${run}`,
  RELAY_OUT_QUEUE: `relay-out-${run}`,
};
let host: RunningHost;
let service: QueueServiceClient;
const lines: string[] = [];
const fixture = () => (globalThis as { queueFixture?: QueueFixtureState }).queueFixture!;
const attemptsOf = (key: string) => fixture().attempts.filter((a) => a.key === key);
const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

describe.skipIf(storage.skip !== undefined)('suite-host on real Storage queues (Azurite)', () => {
  beforeAll(async () => {
    Object.assign(process.env, names, { AzureWebJobsStorage: storage.connectionString });
    service = QueueServiceClient.fromConnectionString(storage.connectionString!);
    // The batch test's ten messages wait in their queue before the host polls it: sent while the host polls, its
    // first fetch could find three of them, and with three running (> newBatchThreshold) it rightly fetched no more.
    const slow = service.getQueueClient(names.SLOW_QUEUE);
    await slow.createIfNotExists();
    for (let i = 0; i < 10; i++) await slow.sendMessage(base64({ i }));
    host = await startHost({
      entry: FIXTURE,
      port: 0,
      name: 'queues',
      log: (line) => lines.push(line),
      logFormat: 'pretty',
    });
  });

  afterAll(async () => {
    await host?.close();
    for (const name of Object.values(names)) {
      await service?.getQueueClient(name).deleteIfExists();
      await service?.getQueueClient(`${name}-poison`).deleteIfExists();
    }
    await storage.stop();
  });

  it('listens on every queue trigger, with %setting% names and AzureWebJobsStorage as the default connection', () => {
    expect(host.queues()).toEqual(
      expect.arrayContaining([
        { function: 'work', queueName: names.WORK_QUEUE, connection: 'AzureWebJobsStorage' },
        { function: 'slow', queueName: names.SLOW_QUEUE, connection: 'AzureWebJobsStorage' },
      ]),
    );
  });

  it('decodes a base64 message, deletes it on success and routes an array output as one message per element', async () => {
    await service.getQueueClient(names.WORK_QUEUE).sendMessage(base64({ key: 'ok', fanOut: 3 }));
    await expect
      .poll(() => fixture().done.filter((d) => (d as { key: string }).key === 'ok').length, {
        timeout: 60_000,
      })
      .toBe(3);
    expect(attemptsOf('ok')).toMatchObject([{ dequeueCount: 1 }]);
    const left = await service.getQueueClient(names.WORK_QUEUE).peekMessages({ numberOfMessages: 32 });
    expect(left.peekedMessageItems).toHaveLength(0);
  });

  it('retries a failed message after visibilityTimeout with the dequeue count rising, then succeeds', async () => {
    await service.getQueueClient(names.WORK_QUEUE).sendMessage(base64({ key: 'flaky', failTimes: 1 }));
    await expect
      .poll(() => fixture().done.some((d) => (d as { key: string }).key === 'flaky'), { timeout: 60_000 })
      .toBe(true);
    const attempts = attemptsOf('flaky');
    expect(attempts.map((a) => a.dequeueCount)).toEqual([1, 2]);
    expect(attempts[0]!.id).toBe(attempts[1]!.id);
    // host.json visibilityTimeout is one second: the retry cannot come sooner (a lower bound, so load cannot fail it).
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(900);
    expect(
      lines.some((l) => l.includes(`work (queue) ${names.WORK_QUEUE}`) && l.includes('try 1 Failed')),
    ).toBe(true);
  });

  it('moves a message to <queue>-poison after maxDequeueCount failures, keeping its stored text', async () => {
    const stored = base64({ key: 'doomed', failTimes: 99 });
    await service.getQueueClient(names.WORK_QUEUE).sendMessage(stored);
    const poison = service.getQueueClient(`${names.WORK_QUEUE}-poison`);
    await expect
      .poll(
        async () => {
          if (!(await poison.exists())) return [];
          return (await poison.peekMessages({ numberOfMessages: 32 })).peekedMessageItems.map(
            (m) => m.messageText,
          );
        },
        { timeout: 60_000, interval: 250 },
      )
      .toContain(stored);
    expect(attemptsOf('doomed').map((a) => a.dequeueCount)).toEqual([1, 2, 3]);
    // The line is written once the copy and the delete are done, just after the poison message appears.
    await expect
      .poll(() => lines.some((l) => l.includes(`Failed, moved to ${names.WORK_QUEUE}-poison`)))
      .toBe(true);
  });

  it('sends a message that is not base64 straight to the poison queue without running the function', async () => {
    await service.getQueueClient(names.WORK_QUEUE).sendMessage('{"key":"plain"}');
    const poison = service.getQueueClient(`${names.WORK_QUEUE}-poison`);
    await expect
      .poll(
        async () =>
          (await poison.peekMessages({ numberOfMessages: 32 })).peekedMessageItems.map((m) => m.messageText),
        {
          timeout: 60_000,
        },
      )
      .toContain('{"key":"plain"}');
    expect(attemptsOf('plain')).toHaveLength(0);
  });

  it('routes an HTTP function’s queue output binding to the real queue, base64-encoded', async () => {
    const response = await fetch(`${host.url}/api/enqueue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'from-http' }),
    });
    expect(response.status).toBe(202);
    await expect
      .poll(() => fixture().done.some((d) => (d as { key: string }).key === 'from-http'), { timeout: 60_000 })
      .toBe(true);
  });

  it('sends a $return queue output, stored base64 as the real host writes it', async () => {
    await service.getQueueClient(names.RELAY_QUEUE).sendMessage(base64({ hello: 'queue' }));
    const out = service.getQueueClient(names.RELAY_OUT_QUEUE);
    await expect
      .poll(async () => ((await out.exists()) ? (await out.peekMessages()).peekedMessageItems.length : 0), {
        timeout: 60_000,
      })
      .toBe(1);
    const [message] = (await out.peekMessages()).peekedMessageItems;
    expect(JSON.parse(Buffer.from(message!.messageText, 'base64').toString('utf8'))).toEqual({
      relayed: { hello: 'queue' },
    });
  });

  it('runs batchSize messages at once and fetches more only once newBatchThreshold are left running', async () => {
    // batchSize 4: the first fetch takes four, and with four running (> newBatchThreshold 2) no more are fetched.
    await expect.poll(() => fixture().slowRunning, { timeout: 60_000 }).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(fixture().slowRunning).toBe(4);
    // Two finish: two left running (= threshold), so a new batch of four comes: six at once (batchSize + threshold).
    fixture()
      .slowReleases.splice(0, 2)
      .forEach((release) => release());
    await expect.poll(() => fixture().slowRunning, { timeout: 60_000 }).toBe(6);
    while (fixture().slowReleases.length > 0 || fixture().slowRunning > 0) {
      fixture()
        .slowReleases.splice(0)
        .forEach((release) => release());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(fixture().slowPeak).toBe(6);
  });
});
