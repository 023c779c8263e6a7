import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost } from './start-host.ts';
import type { RunningHost } from './start-host.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/fixture-app.ts', import.meta.url));

interface FixtureState {
  appStarted: boolean;
  preInvocations: number;
  postInvocations: number;
  timerRuns: Array<{ isPastDue: boolean; hasNext: boolean }>;
  queueMessages: unknown[];
  eventBatches: unknown[][];
  queueMetadata: Record<string, unknown> | undefined;
}

let host: RunningHost;
const lines: string[] = [];

/** The host's lines, parsed (in JSON mode every line is one object). */
const entries = (): Array<Record<string, unknown>> =>
  lines.map((line) => JSON.parse(line) as Record<string, unknown>);

async function state(): Promise<FixtureState> {
  return (await (await fetch(`${host.url}/api/state`)).json()) as FixtureState;
}

async function admin(
  name: string,
  input: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${host.url}/admin/functions/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-functions-key': host.masterKey.value },
    body: JSON.stringify({ input }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  delete process.env.AzureWebJobsStorage;
  host = await startHost({
    entry: FIXTURE,
    port: 0,
    hostname: '127.0.0.1',
    name: 'fixture',
    log: (line) => lines.push(line),
    logFormat: 'json',
  });
});

afterAll(async () => {
  await host?.close();
});

describe('startHost with the fixture app', () => {
  it('receives every registration made through app.http / app.timer / app.storageQueue / app.eventHub', () => {
    const byName = Object.fromEntries(host.functions().map((f) => [f.name, f]));
    expect(byName.getItem).toMatchObject({ trigger: 'http', route: 'items/{id:int}', methods: ['GET'] });
    expect(byName.tick).toMatchObject({ trigger: 'timer', schedule: '*/1 * * * * *' });
    expect(byName.jobs).toMatchObject({ trigger: 'queue', queueName: 'jobs' });
    expect(byName.metrics).toMatchObject({ trigger: 'eventHub', eventHubName: 'metrics' });
  });

  it('does not poll a queue whose connection setting is missing, and says why', () => {
    // The fixture's queue triggers name AzureWebJobsStorage, which this test leaves unset.
    expect(host.queues()).toEqual([]);
    expect(entries()).toContainEqual({
      event: 'host',
      time: expect.any(String),
      app: 'fixture',
      message:
        'jobs (queue): not listening: the connection setting AzureWebJobsStorage is not set (a storage connection string)',
    });
  });

  it('runs appStart hooks before serving', async () => {
    expect((await state()).appStarted).toBe(true);
  });

  it('passes route parameters and the query to the handler', async () => {
    const response = await fetch(`${host.url}/api/items/42?q=tea`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: 42, q: 'tea' });
  });

  it('answers 404 when a constraint rejects the value, and prefers a literal route', async () => {
    expect((await fetch(`${host.url}/api/items/abc`)).status).toBe(404);
    expect(await (await fetch(`${host.url}/api/items/special`)).json()).toEqual({ special: true });
  });

  it('serves an optional route parameter both ways', async () => {
    expect(await (await fetch(`${host.url}/api/hello`)).text()).toBe('hello world');
    expect(await (await fetch(`${host.url}/api/hello/ann`)).text()).toBe('hello ann');
  });

  it('hands the POST body and headers to the handler and returns its status and headers', async () => {
    const response = await fetch(`${host.url}/api/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test': 'yes' },
      body: JSON.stringify({ a: 1 }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-echo')).toBe('yes');
    expect(await response.json()).toEqual({ method: 'POST', body: { a: 1 } });
  });

  it('streams a request body to the handler', async () => {
    const size = 3 * 1024 * 1024;
    const response = await fetch(`${host.url}/api/upload`, { method: 'POST', body: new Uint8Array(size) });
    const result = (await response.json()) as { bytes: number; chunks: number };
    expect(result.bytes).toBe(size);
    expect(result.chunks).toBeGreaterThan(1);
  });

  it('flushes a streamed server-sent-events response chunk by chunk', async () => {
    const response = await fetch(`${host.url}/api/events`);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    // The handler only sends the second event after /release: reading the first before that proves it was flushed.
    const first = await reader.read();
    expect(decoder.decode(first.value)).toBe('data: first\n\n');
    expect((await fetch(`${host.url}/api/release`, { method: 'POST' })).status).toBe(204);
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      rest += decoder.decode(chunk.value);
    expect(rest).toBe('data: second\n\n');
  });

  it("answers 405 with Allow, and the router's 404 and 405 as apps answer problems: code, instance, request id", async () => {
    const wrong = await fetch(`${host.url}/api/echo`, {
      method: 'DELETE',
      headers: { 'x-request-id': 'r-405' },
    });
    expect(wrong.status).toBe(405);
    expect([wrong.headers.get('allow'), wrong.headers.get('x-request-id')]).toEqual(['POST, PUT', 'r-405']);
    expect(await wrong.json()).toEqual({
      type: 'urn:suite:problem:method_not_allowed',
      title: 'Method Not Allowed',
      status: 405,
      detail: 'DELETE is not allowed on /api/echo',
      instance: '/api/echo',
      code: 'method_not_allowed',
      requestId: 'r-405',
    });
    const missing = await fetch(`${host.url}/api/no-such-route`, { headers: { 'x-request-id': 'bad id!' } });
    const body = (await missing.json()) as { code: string; requestId: string };
    expect([missing.status, body.code]).toEqual([404, 'not_found']);
    // An id unsafe to echo is replaced by a fresh one, in the body and the header alike.
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(missing.headers.get('x-request-id')).toBe(body.requestId);
  });

  it('turns a handler that throws into a 500 and logs the failure', async () => {
    const response = await fetch(`${host.url}/api/crash`);
    expect(response.status).toBe(500);
    expect(((await response.json()) as { detail: string }).detail).toBe('handler exploded');
    await expect
      .poll(() => entries().find((e) => e.function === 'crash'))
      .toMatchObject({
        outcome: 'Failed',
        status: 500,
        error: expect.stringMatching(/^Error: handler exploded\n/),
      });
  });

  it('delivers a message to a storage queue trigger through the admin API', async () => {
    const { status, body } = await admin('jobs', { job: 7 });
    expect(status).toBe(202);
    expect(body).toMatchObject({ status: 'Succeeded', trigger: 'queueTrigger', result: { accepted: true } });
    const after = await state();
    expect(after.queueMessages).toContainEqual({ job: 7 });
    expect(after.queueMetadata).toMatchObject({ dequeueCount: 1, queueTrigger: { job: 7 } });
  });

  it('delivers a batch to an Event Hubs trigger with cardinality many', async () => {
    const { body } = await admin('metrics', [{ v: 1 }, { v: 2 }]);
    expect(body.status).toBe('Succeeded');
    expect((await state()).eventBatches).toContainEqual([{ v: 1 }, { v: 2 }]);
  });

  it('reports a failing trigger as Failed with its error', async () => {
    const { status, body } = await admin('poison', 'bad');
    expect(status).toBe(202);
    expect(body).toMatchObject({ status: 'Failed', error: 'cannot handle this message' });
  });

  it('answers 404 for an unknown function and 400 for an HTTP one', async () => {
    expect((await admin('nope', 1)).status).toBe(404);
    expect((await admin('echo', 1)).status).toBe(400);
  });

  it('runs a timer on demand and on its schedule, with the timer object the library builds', async () => {
    const onDemand = await host.invoke('tick');
    expect(onDemand.status).toBe('Succeeded');
    // The schedule fires every second; wait for at least two runs in total without timing them.
    await expect
      .poll(async () => (await state()).timerRuns.length, { timeout: 60_000, interval: 200 })
      .toBeGreaterThanOrEqual(2);
    expect((await state()).timerRuns[0]).toEqual({ isPastDue: false, hasNext: true });
  });

  it('runs pre- and post-invocation hooks around every invocation', async () => {
    const s = await state();
    expect(s.preInvocations).toBeGreaterThan(5);
    // The response body is serialised after the postInvocation hooks, so the state request counts itself in
    // both (a scheduled tick may be in flight between the two).
    expect(s.postInvocations).toBeLessThanOrEqual(s.preInvocations);
    expect(s.postInvocations).toBeGreaterThanOrEqual(s.preInvocations - 1);
  });

  it('logs one JSON line per invocation: id, function, trigger, status, duration, model version', async () => {
    await fetch(`${host.url}/api/items/7`);
    const find = () => entries().find((e) => e.function === 'getItem' && e.path === '/api/items/7');
    await expect.poll(find).toBeDefined();
    const item = find();
    expect(item).toEqual({
      event: 'invocation',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      app: 'fixture',
      invocationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      function: 'getItem',
      trigger: 'http',
      method: 'GET',
      path: '/api/items/7',
      status: 200,
      outcome: 'Succeeded',
      durationMs: expect.any(Number),
      // Read from the app's own request line of that same invocation.
      modelVersion: 'fixture-v1',
    });
    expect(entries().find((e) => e.function === 'jobs')).toMatchObject({
      trigger: 'queue',
      outcome: 'Succeeded',
      invocationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(lines.every((line) => typeof JSON.parse(line) === 'object')).toBe(true);
  });

  it('stops serving and runs appTerminate hooks on close', async () => {
    await host.close();
    expect((globalThis as { fixtureTerminated?: boolean }).fixtureTerminated).toBe(true);
    await expect(fetch(`${host.url}/api/hello`)).rejects.toThrow();
  });
});
