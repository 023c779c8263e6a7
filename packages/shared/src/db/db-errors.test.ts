import { describe, expect, it } from 'vitest';
import { DependencyError } from '../errors/index.ts';
import { QueryError, getSqlState, isConnectionFailure, toDbError } from './db-errors.ts';

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
    expect(mapped.message).toContain('ECONNREFUSED ::1:5432');
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
