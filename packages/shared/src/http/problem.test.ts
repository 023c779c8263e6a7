import { HttpRequest, InvocationContext } from '@azure/functions';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ConfigError, ConflictError, DependencyError, NotFoundError, SuiteError } from '../errors/index.ts';
import { defineHandler } from './index.ts';
import { toProblem } from './problem.ts';

function spiedContext() {
  const context = new InvocationContext({ invocationId: 'inv-1' });
  const error = vi.spyOn(context, 'error').mockImplementation(() => undefined);
  const warn = vi.spyOn(context, 'warn').mockImplementation(() => undefined);
  return { context, error, warn };
}

describe('toProblem', () => {
  it('maps NotFoundError to 404 and ConflictError to 409 with their details', () => {
    const notFound = toProblem(new NotFoundError('No user 7'), undefined, '/api/users/7', 'req-1');
    expect(notFound).toMatchObject({ status: 404, headers: { 'content-type': 'application/problem+json' } });
    expect(notFound.jsonBody).toEqual({
      type: 'urn:suite:problem:not_found',
      title: 'Not Found',
      status: 404,
      detail: 'No user 7',
      instance: '/api/users/7',
      code: 'not_found',
      requestId: 'req-1',
    });
    const conflict = toProblem(new ConflictError('stale version', { expectedVersion: 3, actualVersion: 4 }));
    expect(conflict.status).toBe(409);
    expect(conflict.jsonBody).toMatchObject({ code: 'conflict', expectedVersion: 3, actualVersion: 4 });
  });

  it('maps DependencyError to 503 with Retry-After', () => {
    const { context, warn, error } = spiedContext();
    const res = toProblem(
      new DependencyError('database unreachable', { dependency: 'database', retryAfterSeconds: 7 }),
      context,
    );
    expect(res.status).toBe(503);
    expect(res.headers).toMatchObject({ 'retry-after': '7' });
    expect(res.jsonBody).toMatchObject({
      dependency: 'database',
      retryAfter: 7,
      detail: 'database unreachable',
      requestId: 'inv-1',
    });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(error).not.toHaveBeenCalled();
  });

  it('maps a zod error to 400 naming the fields', () => {
    const result = z.object({ rating: z.number().max(5) }).safeParse({ rating: 9 });
    const res = toProblem(result.error);
    expect(res.status).toBe(400);
    expect((res.jsonBody as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual([
      'rating',
    ]);
  });

  it('answers 500 for anything else without leaking the message, and logs it once with the error', () => {
    const { context, error } = spiedContext();
    const bug = new TypeError('Cannot read properties of undefined (reading "secret")');
    const res = toProblem(bug, context);
    expect(res.status).toBe(500);
    const text = JSON.stringify(res.jsonBody);
    expect(text).not.toMatch(/secret|TypeError|at /);
    expect(res.jsonBody).toMatchObject({ code: 'internal_error', status: 500 });
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0]).toContain(bug);
  });

  it('hides the wording of a server-side SuiteError but keeps its code', () => {
    const { context, error } = spiedContext();
    const res = toProblem(new ConfigError('DATABASE_URL', 'expected a postgres:// URL'), context);
    expect(res.status).toBe(500);
    expect(res.jsonBody).toMatchObject({ code: 'config_invalid' });
    expect(JSON.stringify(res.jsonBody)).not.toMatch(/DATABASE_URL/);
    expect(error).toHaveBeenCalledTimes(1);
  });

  it('keeps the details of a server-side SuiteError out of the body too', () => {
    const { context } = spiedContext();
    const fault = new SuiteError('Migration anomaly/003_x.sql failed', {
      code: 'migration_failed',
      status: 500,
      details: { app: 'anomaly', file: '/home/site/wwwroot/migrations/003_x.sql' },
    });
    const res = toProblem(fault, context);
    expect(res.jsonBody).toMatchObject({ code: 'migration_failed', status: 500 });
    expect(JSON.stringify(res.jsonBody)).not.toMatch(/wwwroot|anomaly/);
  });

  it('turns a thrown non-Error into a 500 too', () => {
    const { context } = spiedContext();
    expect(toProblem('just a string', context).status).toBe(500);
  });
});

describe('defineHandler error mapping', () => {
  const request = () => new HttpRequest({ method: 'GET', url: 'http://localhost/api/x' });

  it.each([
    [new NotFoundError('gone'), 404],
    [new ConflictError('raced'), 409],
    [new DependencyError('db down', { dependency: 'database' }), 503],
  ])('answers %s with %i', async (thrown, status) => {
    const { context } = spiedContext();
    const res = await defineHandler({}, () => {
      throw thrown;
    })(request(), context);
    expect(res.status).toBe(status);
    expect((res.headers as Record<string, string>)['x-request-id']).toBeTruthy();
    if (status === 503) expect((res.headers as Record<string, string>)['retry-after']).toBe('5');
  });

  it('answers 500 for a bug, logging it exactly once', async () => {
    const { context, error } = spiedContext();
    const res = await defineHandler({}, async () => {
      throw new Error('internal detail: password=hunter2');
    })(request(), context);
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.jsonBody)).not.toContain('hunter2');
    expect(error).toHaveBeenCalledTimes(1);
  });
});
