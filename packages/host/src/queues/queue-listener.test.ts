import { randomUUID } from 'node:crypto';
import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';
import { afterAll, describe, expect, it } from 'vitest';
import { MIN_POLLING_INTERVAL_MS, readQueueOptions } from './queue-options.ts';
import { startQueueListener, type QueueDelivery } from './queue-listener.ts';
import { startTestStorage } from './test-azurite.ts';

const storage = await startTestStorage();
if (storage.skip) console.warn(`queue listener tests skipped: ${storage.skip}`);

/** The real queue client, timing its receive calls (the polls): when each was made and when it answered. */
function timedQueue(queue: QueueClient): {
  client: QueueClient;
  polls: () => Array<{ start: number; end?: number }>;
} {
  const polls: Array<{ start: number; end?: number }> = [];
  const client = new Proxy(queue, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const bound = (value as (...a: unknown[]) => Promise<unknown>).bind(target);
      if (property !== 'receiveMessages') return bound;
      return (...args: unknown[]) => {
        const poll: { start: number; end?: number } = { start: performance.now() };
        polls.push(poll);
        return bound(...args).finally(() => (poll.end = performance.now()));
      };
    },
  });
  return { client, polls: () => polls };
}

describe.skipIf(storage.skip !== undefined)('queue listener on Azurite', () => {
  const service = storage.connectionString
    ? QueueServiceClient.fromConnectionString(storage.connectionString)
    : undefined;
  const name = `idle-${randomUUID().slice(0, 8)}`;
  afterAll(async () => {
    await service?.getQueueClient(name).deleteIfExists();
    await storage.stop();
  });

  it('backs off exponentially on an idle queue, and wake() polls at once', async () => {
    const queue = timedQueue(service!.getQueueClient(name));
    const seen: QueueDelivery[] = [];
    const listener = startQueueListener({
      queue: queue.client,
      poison: service!.getQueueClient(`${name}-poison`),
      options: readQueueOptions({ extensions: { queues: { maxPollingInterval: '00:00:01' } } }, {}),
      run: async (delivery) => {
        seen.push(delivery);
      },
      onOutcome: () => {},
      onStorageError: (error) => {
        throw error;
      },
    });
    // Six idle polls however long a loaded machine makes them take, and the pauses between them measured from
    // the answer of one to the start of the next: slow storage calls and a starved process only lengthen them.
    await expect
      .poll(() => queue.polls().filter((p) => p.end !== undefined).length, { timeout: 60_000 })
      .toBeGreaterThanOrEqual(6);
    const polls = queue.polls();
    const pauses = polls.slice(1, 6).map((poll, i) => poll.start - polls[i]!.end!);
    // From the 100 ms floor, each idle pause is 1.5 to 2 times the one before, so the fifth is at least 100 * 1.5^4
    // (~506 ms, under the 1 s ceiling); fixed 100 ms polling would pause about 100 ms every time.
    expect(pauses[0]).toBeGreaterThanOrEqual(MIN_POLLING_INTERVAL_MS - 2);
    expect(pauses[4]).toBeGreaterThanOrEqual(4.5 * MIN_POLLING_INTERVAL_MS);

    await service!.getQueueClient(name).sendMessage(Buffer.from('"hi"').toString('base64'));
    listener.wake();
    await expect.poll(() => seen.length, { timeout: 30_000, interval: 20 }).toBe(1);
    expect(seen[0]).toMatchObject({ text: '"hi"', dequeueCount: 1 });
    await listener.stop();
  });
});
