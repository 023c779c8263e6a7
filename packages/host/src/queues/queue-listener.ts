// Polls one Storage queue for one queue-triggered function with the Functions host's semantics (see README).
import type { QueueClient, ReceivedMessageItem } from '@azure/storage-queue';
import { decodeMessage } from './message-codec.ts';
import { MIN_POLLING_INTERVAL_MS, type QueueOptions } from './queue-options.ts';

/** How long a received message stays hidden while its invocation runs; renewed at half-time (as Azure's 10 min lease). */
export const MESSAGE_LEASE_MS = 10 * 60_000;

/** One message handed to the function: the decoded text plus the metadata Azure puts in `triggerMetadata`. */
export interface QueueDelivery {
  id: string;
  text: string;
  dequeueCount: number;
  insertedOn: Date | undefined;
  expiresOn: Date | undefined;
  nextVisibleOn: Date | undefined;
  popReceipt: string;
}

/** What happened to one message, for the host's log line. */
export interface DeliveryOutcome {
  delivery: QueueDelivery | undefined;
  status: 'Succeeded' | 'Failed' | 'Poisoned';
  durationMs: number;
  error?: unknown;
}

/** Everything a listener needs; the clients come from the binding's connection. */
export interface QueueListenerOptions {
  queue: QueueClient;
  poison: QueueClient;
  options: QueueOptions;
  /** Runs the function; rejects when the invocation failed. */
  run(delivery: QueueDelivery): Promise<void>;
  onOutcome(outcome: DeliveryOutcome): void;
  /** A poll or a queue operation failed (storage down): logged, then retried with backoff. */
  onStorageError(error: unknown): void;
  /** Lease length (tests shorten it to see renewal work). */
  leaseMs?: number;
}

/** A running listener. */
export interface QueueListener {
  /** Poll now instead of waiting out the idle backoff (a message was just enqueued by this host). */
  wake(): void;
  /** Messages being processed right now. */
  inFlight(): number;
  /** Stops polling and waits for the messages in flight to finish. */
  stop(): Promise<void>;
}

/**
 * Starts polling: fetch up to `batchSize` messages, run them concurrently, fetch more once no more than
 * `newBatchThreshold` are still running; when the queue is empty, wait 100 ms doubling (randomised) up to
 * `maxPollingInterval`. Success deletes the message; failure makes it visible again after `visibilityTimeout`,
 * and the `maxDequeueCount`-th failure moves it to the poison queue.
 */
export function startQueueListener(config: QueueListenerOptions): QueueListener {
  const { queue, poison, options } = config;
  const leaseMs = config.leaseMs ?? MESSAGE_LEASE_MS;
  let stopped = false;
  let running = 0;
  let wakeUp: (() => void) | undefined;
  const inFlight = new Set<Promise<void>>();
  let poisonReady: Promise<unknown> | undefined;

  const wake = () => {
    const resolve = wakeUp;
    wakeUp = undefined;
    resolve?.();
  };
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wakeUp = undefined;
        resolve();
      }, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const toPoison = async (message: ReceivedMessageItem, popReceipt: string) => {
    poisonReady ??= poison.createIfNotExists();
    await poisonReady;
    // The stored text is copied as-is, so the poison message keeps its encoding (as the host does).
    await poison.sendMessage(message.messageText);
    await queue.deleteMessage(message.messageId, popReceipt);
  };

  const handle = async (message: ReceivedMessageItem) => {
    const started = performance.now();
    let popReceipt = message.popReceipt;
    let delivery: QueueDelivery | undefined;
    const elapsed = () => performance.now() - started;
    try {
      if (message.dequeueCount > options.maxDequeueCount) {
        await toPoison(message, popReceipt);
        config.onOutcome({ delivery, status: 'Poisoned', durationMs: elapsed() });
        return;
      }
      let text: string;
      try {
        text = decodeMessage(message.messageText, options.messageEncoding);
      } catch (error) {
        // A body the function can never read would fail every attempt: it goes straight to the poison queue.
        await toPoison(message, popReceipt);
        config.onOutcome({ delivery, status: 'Poisoned', durationMs: elapsed(), error });
        return;
      }
      delivery = {
        id: message.messageId,
        text,
        dequeueCount: message.dequeueCount,
        insertedOn: message.insertedOn,
        expiresOn: message.expiresOn,
        nextVisibleOn: message.nextVisibleOn,
        popReceipt,
      };
      // Keep the message hidden while a long invocation runs; each renewal hands out a new pop receipt.
      const renew = setInterval(() => {
        queue.updateMessage(message.messageId, popReceipt, undefined, Math.ceil(leaseMs / 1000)).then(
          (updated) => {
            if (updated.popReceipt) popReceipt = updated.popReceipt;
          },
          (error: unknown) => config.onStorageError(error),
        );
      }, leaseMs / 2);
      let failure: unknown;
      let failed = false;
      try {
        await config.run(delivery);
      } catch (error) {
        failed = true;
        failure = error;
      } finally {
        clearInterval(renew);
      }
      if (!failed) {
        await queue.deleteMessage(message.messageId, popReceipt);
        config.onOutcome({ delivery, status: 'Succeeded', durationMs: elapsed() });
      } else if (message.dequeueCount >= options.maxDequeueCount) {
        await toPoison(message, popReceipt);
        config.onOutcome({ delivery, status: 'Poisoned', durationMs: elapsed(), error: failure });
      } else {
        const seconds = Math.round(options.visibilityTimeoutMs / 1000);
        await queue.updateMessage(message.messageId, popReceipt, undefined, seconds);
        config.onOutcome({ delivery, status: 'Failed', durationMs: elapsed(), error: failure });
      }
    } catch (error) {
      // Storage refused the delete / update: the lease runs out and the message comes back, as on Azure.
      config.onStorageError(error);
    }
  };

  const loop = async () => {
    let idleDelay = MIN_POLLING_INTERVAL_MS;
    let queueReady = false;
    while (!stopped) {
      if (running > options.newBatchThreshold) {
        await pause(options.maxPollingIntervalMs);
        continue;
      }
      let messages: ReceivedMessageItem[];
      try {
        if (!queueReady) {
          await queue.createIfNotExists();
          queueReady = true;
        }
        const response = await queue.receiveMessages({
          numberOfMessages: options.batchSize,
          visibilityTimeout: Math.ceil(leaseMs / 1000),
        });
        messages = response.receivedMessageItems;
      } catch (error) {
        if (stopped) break;
        config.onStorageError(error);
        queueReady = false;
        messages = [];
      }
      if (stopped) {
        // Received while stopping: make them visible again for the next host.
        await Promise.allSettled(
          messages.map((m) => queue.updateMessage(m.messageId, m.popReceipt, undefined, 0)),
        );
        break;
      }
      if (messages.length === 0) {
        await pause(idleDelay);
        // Randomised exponential backoff between the 100 ms floor and maxPollingInterval.
        idleDelay = Math.min(options.maxPollingIntervalMs, idleDelay * (1.5 + Math.random() * 0.5));
        continue;
      }
      idleDelay = MIN_POLLING_INTERVAL_MS;
      for (const message of messages) {
        running += 1;
        const task = handle(message).finally(() => {
          running -= 1;
          inFlight.delete(task);
          wake();
        });
        inFlight.add(task);
      }
    }
  };
  const looping = loop();

  return {
    wake,
    inFlight: () => running,
    async stop() {
      stopped = true;
      wake();
      await looping;
      await Promise.allSettled([...inFlight]);
    },
  };
}
