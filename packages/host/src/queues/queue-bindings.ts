// The host's queue side: a listener per queue-triggered function, and queue output bindings sent to real queues.
import type { QueueClient } from '@azure/storage-queue';
import type { RegisteredFunction, RpcInvocationResponse } from '../core-api.ts';
import { getTriggerBinding } from '../run-invocation.ts';
import { encodeMessage, outputMessages } from './message-codec.ts';
import {
  startQueueListener,
  type DeliveryOutcome,
  type QueueDelivery,
  type QueueListener,
} from './queue-listener.ts';
import type { QueueOptions } from './queue-options.ts';
import {
  connectionSettingName,
  getQueueServiceClient,
  resolveConnectionString,
  resolveQueueName,
} from './storage-connection.ts';

/** What {@link startQueueBindings} needs from the host. */
export interface QueueBindingsConfig {
  functions: RegisteredFunction[];
  options: QueueOptions;
  env?: Record<string, string | undefined>;
  /** Runs one delivery through the function; rejects when the invocation failed. */
  run(fn: RegisteredFunction, delivery: QueueDelivery): Promise<void>;
  onOutcome(fn: RegisteredFunction, queueName: string, outcome: DeliveryOutcome): void;
  log(line: string): void;
  /** Lease length of received messages (tests shorten it). */
  leaseMs?: number;
}

/** A queue a function listens on. */
export interface ListenedQueue {
  function: string;
  queueName: string;
  connection: string;
}

/** The running queue side of a host. */
export interface QueueBindings {
  listening(): ListenedQueue[];
  /** Sends the `queue` output bindings of a successful invocation; throws when a send fails. */
  routeOutputs(fn: RegisteredFunction, response: RpcInvocationResponse): Promise<void>;
  stop(): Promise<void>;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Starts a listener for every queue-triggered function whose connection resolves; logs why when one does not. */
export function startQueueBindings(config: QueueBindingsConfig): QueueBindings {
  const env = config.env ?? process.env;
  const listeners = new Map<string, QueueListener[]>();
  const listened: ListenedQueue[] = [];
  const created = new Map<string, Promise<unknown>>();
  const queueClient = (connectionString: string, name: string): QueueClient =>
    getQueueServiceClient(connectionString).getQueueClient(name);
  const stops: QueueListener[] = [];

  for (const fn of config.functions) {
    const trigger = getTriggerBinding(fn);
    if (trigger.type !== 'queuetrigger') continue;
    const setting = connectionSettingName(trigger.options);
    let connectionString: string;
    let queueName: string;
    try {
      connectionString = resolveConnectionString(setting, env);
      queueName = resolveQueueName(trigger.options.queueName, env);
    } catch (error) {
      config.log(`${fn.name} (queue): not listening: ${errorText(error)}`);
      continue;
    }
    let lastStorageError = '';
    const listener = startQueueListener({
      queue: queueClient(connectionString, queueName),
      poison: queueClient(connectionString, `${queueName}-poison`),
      options: config.options,
      leaseMs: config.leaseMs,
      run: (delivery) => config.run(fn, delivery),
      onOutcome: (outcome) => config.onOutcome(fn, queueName, outcome),
      onStorageError: (error) => {
        // A storage outage fails every poll: say it once until it changes.
        const text = errorText(error);
        if (text !== lastStorageError) config.log(`${fn.name} (queue) ${queueName}: storage error: ${text}`);
        lastStorageError = text;
      },
    });
    const key = `${connectionString}|${queueName}`;
    listeners.set(key, [...(listeners.get(key) ?? []), listener]);
    stops.push(listener);
    listened.push({ function: fn.name, queueName, connection: setting });
  }

  const send = async (connectionString: string, name: string, messages: Array<string | Uint8Array>) => {
    const client = queueClient(connectionString, name);
    const key = `${connectionString}|${name}`;
    let ready = created.get(key);
    if (!ready) {
      // The output binding creates its queue on first use, as on Azure.
      ready = client.createIfNotExists();
      created.set(key, ready);
      ready.catch(() => created.delete(key));
    }
    await ready;
    for (const message of messages) {
      await client.sendMessage(encodeMessage(message, config.options.messageEncoding));
    }
    // A message this host just wrote is picked up now, not after the idle backoff (Azure's shared queue watcher).
    for (const listener of listeners.get(key) ?? []) listener.wake();
  };

  return {
    listening: () => [...listened],
    async routeOutputs(fn, response) {
      for (const [name, binding] of Object.entries(fn.metadata.bindings)) {
        if (binding.direction !== 'out' || String(binding.type).toLowerCase() !== 'queue') continue;
        const data =
          name === '$return'
            ? response.returnValue
            : response.outputData?.find((output) => output.name === name)?.data;
        const messages = outputMessages(data);
        if (messages.length === 0) continue;
        const connectionString = resolveConnectionString(connectionSettingName(binding), env);
        await send(connectionString, resolveQueueName(binding.queueName, env), messages);
      }
    },
    async stop() {
      await Promise.all(stops.map((listener) => listener.stop()));
    },
  };
}
