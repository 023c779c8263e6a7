import { describe, expect, it } from 'vitest';
import type { RegisteredFunction, RpcBindingInfo } from './core-api.ts';
import { createTriggerRequest, toTypedData } from './trigger-input.ts';

function fn(name: string, trigger: RpcBindingInfo): RegisteredFunction {
  return {
    name,
    metadata: { name, bindings: { [`${name}Trigger`]: { direction: 'in', ...trigger } } },
    callback: () => undefined,
  };
}

describe('createTriggerRequest', () => {
  it('sends a timer the PascalCase schedule status the host sends', () => {
    const request = createTriggerRequest(fn('tick', { type: 'timerTrigger', schedule: '0 * * * * *' }), {
      isPastDue: true,
    });
    const timer = JSON.parse(request.inputData[0]!.data!.json!) as Record<string, unknown>;
    expect(request.inputData[0]!.name).toBe('tickTrigger');
    expect(timer).toMatchObject({ IsPastDue: true, Schedule: { AdjustForDST: true } });
    expect(timer.ScheduleStatus).toHaveProperty('Next');
  });

  it('keeps a queue message that is text as text and sends queue metadata', () => {
    const request = createTriggerRequest(
      fn('jobs', { type: 'queueTrigger', queueName: 'jobs' }),
      'plain text',
    );
    expect(request.inputData[0]!.data).toEqual({ string: 'plain text' });
    expect(request.triggerMetadata).toHaveProperty('DequeueCount', { json: '1' });
    expect(request.triggerMetadata.QueueTrigger).toEqual({ string: 'plain text' });
  });

  it('wraps a single event for cardinality many and refuses a batch for cardinality one', () => {
    const many = createTriggerRequest(fn('m', { type: 'eventHubTrigger', cardinality: 'many' }), { v: 1 });
    expect(JSON.parse(many.inputData[0]!.data!.json!)).toEqual([{ v: 1 }]);
    expect(many.triggerMetadata).toHaveProperty('SequenceNumberArray');
    const one = createTriggerRequest(fn('o', { type: 'eventHubTrigger' }), [{ v: 1 }]);
    expect(JSON.parse(one.inputData[0]!.data!.json!)).toEqual({ v: 1 });
    expect(() => createTriggerRequest(fn('o', { type: 'eventHubTrigger' }), [{ v: 1 }, { v: 2 }])).toThrow(
      /cardinality "one"/,
    );
  });

  it('refuses HTTP triggers, which are called on their route', () => {
    expect(() => createTriggerRequest(fn('h', { type: 'httpTrigger' }), {})).toThrow(/call its route/);
  });

  it('passes any other trigger its input as typed data', () => {
    const request = createTriggerRequest(fn('bus', { type: 'serviceBusTrigger' }), { id: 3 });
    expect(request.inputData[0]!.data).toEqual({ json: '{"id":3}' });
    expect(toTypedData(new Uint8Array([1]))).toEqual({ bytes: new Uint8Array([1]) });
  });
});
