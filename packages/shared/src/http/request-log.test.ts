import { HttpRequest, InvocationContext } from '@azure/functions';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineHandler, json } from './index.ts';

const saved = process.env.REQUEST_LOG;
afterEach(() => {
  if (saved === undefined) delete process.env.REQUEST_LOG;
  else process.env.REQUEST_LOG = saved;
});

function contextWithLines(lines: string[]) {
  return new InvocationContext({
    invocationId: 'inv-1',
    functionName: 'recommend',
    logHandler: (_level, ...args) => lines.push(String(args[0])),
  });
}

describe('structured request log', () => {
  it('writes one JSON line per request: invocation, function, status, duration, model version', async () => {
    process.env.REQUEST_LOG = 'json';
    const handler = defineHandler({ query: z.object({ k: z.coerce.number().int() }) }, () =>
      json({ modelVersion: 'v-20261130', items: [] }),
    );
    const lines: string[] = [];
    const url = 'http://localhost/api/users/1/recommendations';
    await handler(new HttpRequest({ method: 'GET', url: `${url}?k=3` }), contextWithLines(lines));
    await handler(new HttpRequest({ method: 'GET', url: `${url}?k=x` }), contextWithLines(lines));
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toEqual([
      expect.objectContaining({
        event: 'request',
        invocationId: 'inv-1',
        function: 'recommend',
        method: 'GET',
        path: '/api/users/1/recommendations',
        status: 200,
        modelVersion: 'v-20261130',
      }),
      expect.objectContaining({ status: 400 }),
    ]);
    expect(entries[0]?.durationMs).toEqual(expect.any(Number));
  });

  it('is silent with REQUEST_LOG=off', async () => {
    process.env.REQUEST_LOG = 'off';
    const lines: string[] = [];
    await defineHandler({}, () => json({}))(
      new HttpRequest({ method: 'GET', url: 'http://localhost/x' }),
      contextWithLines(lines),
    );
    expect(lines).toEqual([]);
  });
});
