import { describe, expect, it } from 'vitest';
import {
  formatAppLog,
  formatHostNotice,
  formatInvocation,
  noteModelVersion,
  resolveHostLogFormat,
  takeModelVersion,
  type InvocationLogEntry,
} from './invocation-log.ts';

const entry: InvocationLogEntry = {
  event: 'invocation',
  time: '2026-11-30T11:00:00.000Z',
  app: 'recommender',
  invocationId: '0f8e4c1a-1111-4222-8333-444455556666',
  function: 'recommendations',
  trigger: 'http',
  outcome: 'Succeeded',
  method: 'GET',
  path: '/api/users/4/recommendations',
  status: 200,
  durationMs: 12.3,
  modelVersion: 'v-20261130',
};

describe('host log format', () => {
  it('is pretty on a terminal and JSON when piped, unless HOST_LOG says; a bad HOST_LOG is named', () => {
    expect(resolveHostLogFormat({}, true)).toBe('pretty');
    expect(resolveHostLogFormat({}, false)).toBe('json');
    expect(resolveHostLogFormat({ HOST_LOG: 'json' }, true)).toBe('json');
    expect(resolveHostLogFormat({ HOST_LOG: 'Pretty' }, false)).toBe('pretty');
    expect(() => resolveHostLogFormat({ HOST_LOG: 'xml' }, false)).toThrow(/HOST_LOG must be json or pretty/);
  });

  it('writes an invocation as one JSON object, or as a short human line with the failure after it', () => {
    expect(JSON.parse(formatInvocation(entry, 'json'))).toEqual(entry);
    expect(formatInvocation(entry, 'pretty')).toBe(
      '[recommender] recommendations (http) GET /api/users/4/recommendations 200 12.3ms model v-20261130',
    );
    const failed = { ...entry, outcome: 'Failed' as const, status: 500, error: 'Error: boom\n    at x' };
    delete failed.modelVersion;
    expect(formatInvocation(failed, 'pretty').split('\n')).toEqual([
      '[recommender] recommendations (http) GET /api/users/4/recommendations 500 12.3ms',
      '[recommender] recommendations failed: Error: boom',
      '    at x',
    ]);
    expect(formatInvocation(failed, 'json').split('\n')).toHaveLength(1);
    const timer = { ...entry, trigger: 'timer', method: undefined, path: undefined, status: undefined };
    expect(formatInvocation(timer, 'pretty')).toMatch(
      /^\[recommender\] recommendations \(timer\) Succeeded 12\.3ms/,
    );
    expect(formatInvocation({ ...entry, outcome: 'Aborted' }, 'pretty')).toContain(' Aborted 12.3ms');
    const poisoned = {
      ...timer,
      trigger: 'queue',
      queue: 'jobs',
      messageId: 'm-1',
      dequeueCount: 5,
      movedTo: 'jobs-poison',
      outcome: 'Failed' as const,
      modelVersion: undefined,
    };
    expect(formatInvocation(poisoned, 'pretty')).toBe(
      '[recommender] recommendations (queue) jobs m-1 try 5 Failed, moved to jobs-poison 12.3ms',
    );
    expect(formatHostNotice('recommender', 'jobs (queue): not listening', 'pretty')).toBe(
      '[recommender] jobs (queue): not listening',
    );
    expect(JSON.parse(formatHostNotice('recommender', 'jobs (queue): not listening', 'json'))).toMatchObject({
      event: 'host',
      app: 'recommender',
      message: 'jobs (queue): not listening',
    });
  });

  it("passes an app's JSON line through as it is, and wraps plain text in JSON naming the invocation", () => {
    const fields = { function: 'recommendations', invocationId: 'inv-1', level: 'information' };
    const line = '{"event":"request","invocationId":"inv-1","status":200}';
    expect(formatAppLog(line, fields, 'json')).toBe(line);
    expect(JSON.parse(formatAppLog('demo data: seeded', fields, 'json'))).toEqual({
      event: 'log',
      time: expect.any(String),
      ...fields,
      message: 'demo data: seeded',
    });
    expect(JSON.parse(formatAppLog('{not json}', fields, 'json')).message).toBe('{not json}');
    expect(formatAppLog('demo data: seeded', fields, 'pretty')).toBe('[recommendations] demo data: seeded');
  });

  it('remembers the model version an app line names until the host line takes it, once', () => {
    noteModelVersion('inv-2', '{"event":"request","modelVersion":"v7"}');
    noteModelVersion('inv-3', 'plain text naming "modelVersion" but no JSON');
    expect(takeModelVersion('inv-2')).toBe('v7');
    expect(takeModelVersion('inv-2')).toBeUndefined();
    expect(takeModelVersion('inv-3')).toBeUndefined();
    expect(takeModelVersion(undefined)).toBeUndefined();
  });
});
