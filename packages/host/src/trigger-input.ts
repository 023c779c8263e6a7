// Invocation requests for non-HTTP triggers, shaped like the ones the Functions host sends for each trigger type.
import { randomUUID } from 'node:crypto';
import type { RegisteredFunction, RpcInvocationRequest, RpcTypedData } from './core-api.ts';
import { createInvocationRequest, getTriggerBinding } from './run-invocation.ts';

/** Data as the host encodes it: text stays text (the library JSON-parses it when it can), the rest is JSON. */
export function toTypedData(value: unknown): RpcTypedData {
  if (typeof value === 'string') return { string: value };
  if (value instanceof Uint8Array) return { bytes: value };
  return { json: JSON.stringify(value ?? null) };
}

/** What a timer invocation carries: the schedule status the real host sends (PascalCase; the library camel-cases it). */
export interface TimerInput {
  isPastDue?: boolean;
  last?: Date;
  next?: Date;
}

function timerData(input: unknown): RpcTypedData {
  const timer = (typeof input === 'object' && input !== null ? input : {}) as TimerInput;
  const now = new Date();
  return {
    json: JSON.stringify({
      Schedule: { AdjustForDST: true },
      ScheduleStatus: {
        Last: (timer.last ?? new Date(0)).toISOString(),
        Next: (timer.next ?? now).toISOString(),
        LastUpdated: now.toISOString(),
      },
      IsPastDue: timer.isPastDue ?? false,
    }),
  };
}

/** A queue message as the trigger sees it (the decoded text and the metadata Azure sends). */
export interface QueueMessageInput {
  id: string;
  text: string;
  dequeueCount: number;
  insertedOn?: Date | undefined;
  expiresOn?: Date | undefined;
  nextVisibleOn?: Date | undefined;
  popReceipt: string;
}

function queueMetadata(message: QueueMessageInput): Record<string, RpcTypedData> {
  const now = new Date();
  const iso = (date: Date | undefined, fallback: Date) => JSON.stringify((date ?? fallback).toISOString());
  return {
    Id: { string: message.id },
    DequeueCount: { json: String(message.dequeueCount) },
    InsertionTime: { json: iso(message.insertedOn, now) },
    ExpirationTime: { json: iso(message.expiresOn, new Date(now.getTime() + 7 * 24 * 3600 * 1000)) },
    NextVisibleTime: { json: iso(message.nextVisibleOn, new Date(now.getTime() + 600_000)) },
    PopReceipt: { string: message.popReceipt },
    QueueTrigger: { string: message.text },
  };
}

/** The invocation request for one message received from a real queue. */
export function createQueueMessageRequest(
  fn: RegisteredFunction,
  message: QueueMessageInput,
): RpcInvocationRequest {
  const trigger = getTriggerBinding(fn);
  return createInvocationRequest(fn, {
    inputData: [{ name: trigger.name, data: { string: message.text } }],
    triggerMetadata: queueMetadata(message),
  });
}

function eventHubMetadata(events: unknown[], many: boolean): Record<string, RpcTypedData> {
  const now = Date.now();
  const enqueued = events.map((_e, i) => new Date(now + i).toISOString());
  const sequence = events.map((_e, i) => i);
  const system = events.map((_e, i) => ({
    SequenceNumber: i,
    Offset: String(i),
    EnqueuedTimeUtc: enqueued[i],
  }));
  if (many) {
    return {
      EnqueuedTimeUtcArray: { json: JSON.stringify(enqueued) },
      SequenceNumberArray: { json: JSON.stringify(sequence) },
      OffsetArray: { json: JSON.stringify(sequence.map(String)) },
      PartitionKeyArray: { json: JSON.stringify(events.map(() => null)) },
      PropertiesArray: { json: JSON.stringify(events.map(() => ({}))) },
      SystemPropertiesArray: { json: JSON.stringify(system) },
    };
  }
  return {
    EnqueuedTimeUtc: { json: JSON.stringify(enqueued[0]) },
    SequenceNumber: { json: '0' },
    Offset: { string: '0' },
    Properties: { json: '{}' },
    SystemProperties: { json: JSON.stringify(system[0] ?? {}) },
  };
}

/**
 * Builds the invocation request for a non-HTTP function from the admin API's `input`:
 * timer (schedule status), storage queue (the message), Event Hubs (one event, or an array when
 * `cardinality` is `many`; a single value is wrapped), and any other trigger (the input as-is).
 * @throws Error for HTTP triggers, which are called on their route instead.
 */
export function createTriggerRequest(fn: RegisteredFunction, input: unknown): RpcInvocationRequest {
  const trigger = getTriggerBinding(fn);
  switch (trigger.type) {
    case 'httptrigger':
      throw new Error(`Function "${fn.name}" is an HTTP trigger; call its route instead`);
    case 'timertrigger':
      return createInvocationRequest(fn, { inputData: [{ name: trigger.name, data: timerData(input) }] });
    case 'queuetrigger':
      return createInvocationRequest(fn, {
        inputData: [{ name: trigger.name, data: toTypedData(input) }],
        triggerMetadata: queueMetadata({
          id: randomUUID(),
          text: typeof input === 'string' ? input : JSON.stringify(input),
          dequeueCount: 1,
          popReceipt: randomUUID(),
        }),
      });
    case 'eventhubtrigger': {
      const many = String(trigger.options.cardinality ?? 'one').toLowerCase() === 'many';
      const events = Array.isArray(input) ? input : [input];
      if (!many && events.length !== 1) {
        throw new Error(
          `Function "${fn.name}" takes one event at a time (cardinality "one"); got ${events.length}`,
        );
      }
      return createInvocationRequest(fn, {
        inputData: [
          { name: trigger.name, data: many ? { json: JSON.stringify(events) } : toTypedData(events[0]) },
        ],
        triggerMetadata: eventHubMetadata(events, many),
      });
    }
    default:
      return createInvocationRequest(fn, { inputData: [{ name: trigger.name, data: toTypedData(input) }] });
  }
}
