import { describe, expect, it } from 'vitest';
import { DependencyError } from '../errors/index.ts';
import { QueryError, describeOutage, getSqlState, isConnectionFailure, toDbError } from './db-errors.ts';
import { createDb } from './create-db.ts';
import { toProblem } from '../http/problem.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('database error mapping', () => {
  it.each([
    'ECONNREFUSED',
    'ENOTFOUND',
    'ECONNRESET',
    'ETIMEDOUT',
    '57P01',
    '57P03',
    '53300',
    '08006',
    '08001',
  ])('treats %s as the database being unavailable', (code) => {
    const mapped = toDbError(withCode(code));
    expect(mapped).toBeInstanceOf(DependencyError);
    expect((mapped as DependencyError).status).toBe(503);
    expect((mapped as DependencyError).details).toMatchObject({ dependency: 'database' });
    expect(mapped.cause).toMatchObject({ code });
  });

  it('treats pool timeouts and dropped connections as unavailable', () => {
    expect(isConnectionFailure(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isConnectionFailure(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('looks inside an AggregateError (both address families refused)', () => {
    const error = new AggregateError([withCode('ECONNREFUSED', 'connect ECONNREFUSED ::1:5432')], '');
    const mapped = toDbError(error);
    expect(mapped).toBeInstanceOf(DependencyError);
    expect(mapped.message).toBe('The database is unavailable (connection refused).');
  });

  it('says what happened, never where: a refused connection to a real address names no host or port', async () => {
    const db = createDb({ url: 'postgres://postgres@127.0.0.1:55432/test' });
    const error = await db.query('SELECT 1').catch((e: unknown) => e);
    await db.close();
    expect(error).toBeInstanceOf(DependencyError);
    expect(String((error as Error).cause)).toContain('55432'); // the log keeps the address
    const problem = toProblem(error, undefined, '/api/x').jsonBody as { detail: string };
    expect(problem.detail).toBe('The database is unavailable (connection refused).');
    expect(JSON.stringify(problem)).not.toMatch(/127\.0\.0\.1|55432/);
    expect(describeOutage(withCode('ENOTFOUND', 'getaddrinfo ENOTFOUND db.internal'))).toBe(
      'server name not resolved',
    );
  });

  it('keeps statement failures as QueryError with the SQLSTATE and the original as cause', () => {
    const original = Object.assign(withCode('23505', 'duplicate key'), {
      constraint: 'items_pkey',
      detail: 'Key (id)=(1)',
    });
    const mapped = toDbError(original) as QueryError;
    expect(mapped).toBeInstanceOf(QueryError);
    expect(mapped).toMatchObject({
      code: '23505',
      constraint: 'items_pkey',
      detail: 'Key (id)=(1)',
      message: 'duplicate key',
    });
    expect(mapped.cause).toBe(original);
    expect(getSqlState(mapped)).toBe('23505');
    expect(getSqlState(original)).toBe('23505');
  });

  it('goes by the SQLSTATE of a statement failure, not by words in its message', () => {
    // A trigger's RAISE (P0001) or a check failure can say anything, including "connection timeout".
    const raised = withCode('P0001', 'partner API: connection timeout, try later');
    expect(isConnectionFailure(raised)).toBe(false);
    expect(toDbError(raised)).toBeInstanceOf(QueryError);
  });

  it('passes through errors that are neither outages nor SQL failures', () => {
    const bug = new TypeError('bad parameter');
    expect(toDbError(bug)).toBe(bug);
    expect(getSqlState(bug)).toBeUndefined();
  });
});
