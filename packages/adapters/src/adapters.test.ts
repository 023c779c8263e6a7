import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import * as functions from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambdaHandler, createLambdaStreamingHandler, type LambdaHttpResult } from './aws-lambda.ts';
import { createFcHandler, type FcHttpResult } from './aliyun-fc.ts';
import { createGcpHttpFunction } from './gcp-functions.ts';
import { createAwsLambdaGlobal, invokeStreaming, toFcEvent, toLambdaEvent } from './testing/index.ts';

const entry = fileURLToPath(new URL('./fixtures/fixture-app.ts', import.meta.url));
const options = { entry, appDir: fileURLToPath(new URL('./fixtures/', import.meta.url)) };
const lambda = createLambdaHandler(options);
const lambdaStream = createLambdaStreamingHandler(options, createAwsLambdaGlobal());
const fc = createFcHandler(options);

functions.http('suite', createGcpHttpFunction(options));
let gcpUrl = '';
const gcpServer = getTestServer('suite');
beforeAll(async () => {
  await new Promise<void>((resolve) => gcpServer.listen(0, '127.0.0.1', resolve));
  gcpUrl = `http://127.0.0.1:${(gcpServer.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => gcpServer.close(() => resolve())));

const binary = Uint8Array.from({ length: 256 }, (_v, i) => i);

describe('AWS Lambda payload 2.0 (API Gateway HTTP API, Function URL)', () => {
  it('routes with the route template, reading path parameters, the query and cookies', async () => {
    const result = (await lambda(
      toLambdaEvent({ method: 'GET', path: '/api/items/42?q=x', headers: { cookie: 'a=1; b=2' } }),
    )) as LambdaHttpResult;
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ id: 42, q: 'x', cookie: 'a=1; b=2' });
    const special = (await lambda(
      toLambdaEvent({ method: 'GET', path: '/api/items/special' }),
    )) as LambdaHttpResult;
    expect(JSON.parse(special.body)).toEqual({ special: true });
  });

  it('answers 404 and 405 as problem+json, and a crash as a 500 problem', async () => {
    const missing = (await lambda(toLambdaEvent({ method: 'GET', path: '/api/nope' }))) as LambdaHttpResult;
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toBe('application/problem+json');
    const wrongMethod = (await lambda(
      toLambdaEvent({ method: 'DELETE', path: '/api/echo' }),
    )) as LambdaHttpResult;
    expect([wrongMethod.statusCode, wrongMethod.headers.allow]).toEqual([405, 'POST']);
    const wrongBody = JSON.parse(wrongMethod.body) as { code: string; requestId: string };
    expect([wrongBody.code, wrongBody.requestId]).toEqual([
      'method_not_allowed',
      wrongMethod.headers['x-request-id'],
    ]);
    expect(JSON.parse(missing.body)).toMatchObject({ code: 'not_found', instance: '/api/nope' });
    const named = (await lambda(
      toLambdaEvent({ method: 'GET', path: '/api/nope', headers: { 'x-request-id': 'r-404' } }),
    )) as LambdaHttpResult;
    expect([JSON.parse(named.body).requestId, named.headers['x-request-id']]).toEqual(['r-404', 'r-404']);
    const crash = (await lambda(toLambdaEvent({ method: 'GET', path: '/api/crash' }))) as LambdaHttpResult;
    expect(crash.statusCode).toBe(500);
    expect(JSON.parse(crash.body)).toMatchObject({ status: 500, detail: 'handler exploded' });
    for (const answer of [missing, wrongMethod, crash])
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });

  it('carries a binary body both ways base64-encoded, and cookies in the cookies list', async () => {
    const result = (await lambda(
      toLambdaEvent({ method: 'POST', path: '/api/bytes', body: binary }),
    )) as LambdaHttpResult;
    expect(result.isBase64Encoded).toBe(true);
    expect([...Buffer.from(result.body, 'base64')]).toEqual([...binary].reverse());
    const cookie = (await lambda(toLambdaEvent({ method: 'GET', path: '/api/cookie' }))) as LambdaHttpResult;
    expect(cookie.cookies).toEqual(['session=abc; Path=/; HttpOnly']);
    expect(cookie.isBase64Encoded).toBe(false);
  });

  it('streams server-sent events: the first event arrives before the function finished', async () => {
    const invocation = invokeStreaming(
      lambdaStream,
      toLambdaEvent({ method: 'GET', path: '/api/events' }),
      (text) => {
        if (text.includes('first')) void lambda(toLambdaEvent({ method: 'POST', path: '/api/release' }));
      },
    );
    const result = await invocation;
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toBe('text/event-stream');
    expect(result.chunks.map((c) => c.text)).toEqual(['data: first\n\n', 'data: second\n\n']);
  });

  it('runs the timer an EventBridge schedule names, and refuses unknown events', async () => {
    const before = JSON.parse(
      ((await lambda(toLambdaEvent({ method: 'GET', path: '/api/state' }))) as LambdaHttpResult).body,
    );
    await expect(lambda({ suiteTimer: 'tick' })).resolves.toMatchObject({
      function: 'tick',
      status: 'Succeeded',
    });
    await lambda({ 'detail-type': 'Scheduled Event', source: 'aws.events', detail: { suiteTimer: 'TICK' } });
    const after = JSON.parse(
      ((await lambda(toLambdaEvent({ method: 'GET', path: '/api/state' }))) as LambdaHttpResult).body,
    );
    expect(after.ticks - before.ticks).toBe(2);
    await expect(lambda({ suiteTimer: 'echo' })).rejects.toThrow(/No timer function named "echo"/);
    await expect(lambda({ Records: [] })).rejects.toThrow(/Unsupported Lambda event/);
  });
});

describe('Google Cloud Functions (Functions Framework)', () => {
  it('serves routes, binary bodies and problem+json errors through the framework', async () => {
    const item = await fetch(`${gcpUrl}/api/items/7?q=y`);
    expect(await item.json()).toMatchObject({ id: 7, q: 'y' });
    const bytes = await fetch(`${gcpUrl}/api/bytes`, {
      method: 'POST',
      body: binary,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect([...new Uint8Array(await bytes.arrayBuffer())]).toEqual([...binary].reverse());
    const missing = await fetch(`${gcpUrl}/api/nope`);
    expect([missing.status, missing.headers.get('content-type')]).toEqual([404, 'application/problem+json']);
    const cookie = await fetch(`${gcpUrl}/api/cookie`);
    expect(cookie.headers.getSetCookie()).toEqual(['session=abc; Path=/; HttpOnly']);
  });

  it('streams server-sent events chunk by chunk', async () => {
    const response = await fetch(`${gcpUrl}/api/events`);
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toBe('data: first\n\n');
    await fetch(`${gcpUrl}/api/release`, { method: 'POST' });
    const second = new TextDecoder().decode((await reader.read()).value);
    expect(second).toBe('data: second\n\n');
  });

  it('runs a timer on a Cloud Scheduler POST only with the admin key', async () => {
    process.env.ADMIN_KEY = 'k-123';
    const refused = await fetch(`${gcpUrl}/_suite/timers/tick`, { method: 'POST' });
    expect(refused.status).toBe(403);
    const ran = await fetch(`${gcpUrl}/_suite/timers/tick`, {
      method: 'POST',
      headers: { 'x-admin-key': 'k-123' },
    });
    expect(ran.status).toBe(200);
    expect(await ran.json()).toMatchObject({ function: 'tick', status: 'Succeeded' });
    const unknown = await fetch(`${gcpUrl}/_suite/timers/nope`, {
      method: 'POST',
      headers: { 'x-admin-key': 'k-123' },
    });
    expect(unknown.status).toBe(404);
  });
});

describe('Alibaba Function Compute 3.0 (event handler)', () => {
  it('answers HTTP trigger events with the documented response struct', async () => {
    const item = (await fc(toFcEvent({ method: 'GET', path: '/api/items/9?q=z' }))) as FcHttpResult;
    expect(item.statusCode).toBe(200);
    expect(JSON.parse(item.body)).toMatchObject({ id: 9, q: 'z' });
    const echo = (await fc(
      toFcEvent({ method: 'POST', path: '/api/echo', body: '{"a":1}' }),
    )) as FcHttpResult;
    expect([echo.statusCode, JSON.parse(echo.body)]).toEqual([201, { body: { a: 1 } }]);
    const bytes = (await fc(toFcEvent({ method: 'POST', path: '/api/bytes', body: binary }))) as FcHttpResult;
    expect(bytes.isBase64Encoded).toBe(true);
    expect([...Buffer.from(bytes.body, 'base64')]).toEqual([...binary].reverse());
  });

  it('runs the timer a timer trigger payload names', async () => {
    const event = {
      triggerTime: '2026-11-30T12:00:00Z',
      triggerName: 'tick-trigger',
      payload: '{"suiteTimer":"tick"}',
    };
    await expect(fc(Buffer.from(JSON.stringify(event)))).resolves.toMatchObject({ function: 'tick' });
    await expect(fc({ ...event, payload: 'tick' })).rejects.toThrow(/payload must be/);
  });
});
