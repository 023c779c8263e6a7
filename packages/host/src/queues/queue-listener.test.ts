import { randomUUID } from 'node:crypto';
import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';
import { afterAll, describe, expect, it } from 'vitest';
import { readQueueOptions } from './queue-options.ts';
import { startQueueListener, type QueueDelivery } from './queue-listener.ts';
import { startTestStorage } from './test-azurite.ts';

const storage = await startTestStorage();
if (storage.skip) console.warn(`queue listener tests skipped: ${storage.skip}`);

/** The real queue client, counting its receive calls (the polls). */
function countingQueue(queue: QueueClient): { client: QueueClient; polls: () => number } {
  let polls = 0;
  const client = new Proxy(queue, {
    get(target, property, receiver) {
      if (property === 'receiveMessages') polls += 1;
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
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
    const queue = countingQueue(service!.getQueueClient(name));
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
    await new Promise((resolve) => setTimeout(resolve, 3000));
    // Fixed 100 ms polling would make about 30 polls in 3 s; backing off to the 1 s ceiling makes far fewer.
    const idlePolls = queue.polls();
    expect(idlePolls).toBeGreaterThanOrEqual(3);
    expect(idlePolls).toBeLessThanOrEqual(12);

    await service!.getQueueClient(name).sendMessage(Buffer.from('"hi"').toString('base64'));
    listener.wake();
    await expect.poll(() => seen.length, { timeout: 5000, interval: 20 }).toBe(1);
    expect(seen[0]).toMatchObject({ text: '"hi"', dequeueCount: 1 });
    await listener.stop();
  });
});
