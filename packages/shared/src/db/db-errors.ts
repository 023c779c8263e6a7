// Sorts driver errors into "the database is unreachable" (DependencyError, 503) and "this SQL failed" (QueryError).
import { DependencyError } from '../errors/index.ts';

/** Node socket errors meaning the server cannot be reached or dropped us. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EPIPE',
]);
/** SQLSTATEs outside class 08 that still mean "server unavailable": shutdown, restarting, crash, too many connections. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
const SQLSTATE = /^[0-9A-Z]{5}$/;
/** pg-pool / pg client messages that carry no code. */
const UNAVAILABLE_MESSAGES = [
  'timeout exceeded when trying to connect',
  'connection terminated',
  'connection timeout',
  'client has encountered a connection error',
  'cannot use a pool after calling end',
  'server closed the connection',
];

/**
 * A statement failed on a reachable server (constraint, syntax, serialisation...). `code` is the SQLSTATE
 * (`'23505'` unique violation, `'40001'` serialisation failure, ...); `cause` is the driver's own error.
 */
export class QueryError extends Error {
  /** SQLSTATE of the failure, e.g. `'23505'`; undefined when the driver gave none. */
  readonly code: string | undefined;
  readonly detail: string | undefined;
  readonly constraint: string | undefined;
  constructor(cause: unknown) {
    const source = (cause ?? {}) as {
      message?: unknown;
      code?: unknown;
      detail?: unknown;
      constraint?: unknown;
    };
    super(typeof source.message === 'string' ? source.message : String(cause), { cause });
    this.name = 'QueryError';
    this.code = typeof source.code === 'string' ? source.code : undefined;
    this.detail = typeof source.detail === 'string' ? source.detail : undefined;
    this.constraint = typeof source.constraint === 'string' ? source.constraint : undefined;
  }
}

/** The SQLSTATE of a database error (a {@link QueryError} or a raw driver error), if any. */
export function getSqlState(error: unknown): string | undefined {
  if (error instanceof QueryError) return error.code;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && SQLSTATE.test(code) ? code : undefined;
}

/** True when `error` means the server is unreachable or went away, rather than a statement being wrong. */
export function isConnectionFailure(error: unknown): boolean {
  if (error instanceof DependencyError) return true;
  if (error instanceof AggregateError) return error.errors.some(isConnectionFailure);
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
    // Any other SQLSTATE is the server answering about a statement; its message is free text, not a signal.
    if (SQLSTATE.test(code)) return false;
  }
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string') {
    const lower = message.toLowerCase();
    if (UNAVAILABLE_MESSAGES.some((m) => lower.includes(m))) return true;
  }
  return false;
}

/** Wrap any error from a driver call: outages become DependencyError('database'), the rest QueryError. */
export function toDbError(error: unknown): Error {
  if (error instanceof DependencyError || error instanceof QueryError) return error;
  if (isConnectionFailure(error)) {
    const reason =
      error instanceof AggregateError
        ? error.errors.map((e: unknown) => (e instanceof Error ? e.message : String(e))).join('; ')
        : error instanceof Error
          ? error.message || error.name
          : String(error);
    return new DependencyError(`The database is unavailable: ${reason}`, {
      dependency: 'database',
      cause: error,
    });
  }
  // Errors without a SQLSTATE (a closed PGlite, a bad parameter) are bugs, not SQL failures: keep them as they are.
  if (getSqlState(error) === undefined && error instanceof Error) return error;
  return new QueryError(error);
}
