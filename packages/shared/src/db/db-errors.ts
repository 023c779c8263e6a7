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
/**
 * SQLSTATEs outside class 08 that still mean "server unavailable": shutdown, restarting, crash, too many
 * connections, and a statement cancelled by statement_timeout (57014: the server is too slow to answer now).
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '57014']);
const SQLSTATE = /^[0-9A-Z]{5}$/;
/** pg-pool / pg client messages that carry no code. */
const UNAVAILABLE_MESSAGES = [
  'timeout exceeded when trying to connect',
  'connection terminated',
  'connection timeout',
  'client has encountered a connection error',
  'cannot use a pool after calling end',
  'server closed the connection',
  // pg's client-side query_timeout: the server did not answer in time (a frozen link, an overloaded server).
  'query read timeout',
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

/** What happened, in words that name no host, port or user: the driver's own message says where (logged only). */
const OUTAGE_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'server name not resolved',
  EAI_AGAIN: 'server name not resolved',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'server unreachable',
  ENETUNREACH: 'server unreachable',
  '57P01': 'server shutting down',
  '57P02': 'server crashed',
  '57P03': 'server starting up',
  '53300': 'too many connections',
  '57014': 'query timed out',
};

/**
 * A short description of an outage for clients and health reports, e.g. `connection refused`: never the
 * address, which the driver's message (`connect ECONNREFUSED 10.0.0.4:5432`) would give away.
 */
export function describeOutage(error: unknown): string {
  if (error instanceof DependencyError && error.cause !== undefined) return describeOutage(error.cause);
  if (error instanceof AggregateError && error.errors.length > 0) return describeOutage(error.errors[0]);
  const source = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof source.code === 'string') {
    const words = OUTAGE_WORDS[source.code];
    if (words !== undefined) return words;
    if (/^08[0-9A-Z]{3}$/.test(source.code)) return `connection failure (SQLSTATE ${source.code})`;
  }
  const message = typeof source.message === 'string' ? source.message.toLowerCase() : '';
  if (message.includes('timeout exceeded when trying to connect') || message.includes('connection timeout'))
    return 'no connection within the timeout';
  if (message.includes('query read timeout') || message.includes('timed out')) return 'query timed out';
  if (message.includes('terminated') || message.includes('closed the connection')) return 'connection lost';
  return 'connection failed';
}

/** Wrap any error from a driver call: outages become DependencyError('database'), the rest QueryError. */
export function toDbError(error: unknown): Error {
  if (error instanceof DependencyError || error instanceof QueryError) return error;
  if (isConnectionFailure(error)) {
    // The driver's message stays on `cause` for the log; the client reads what happened, not where.
    return new DependencyError(`The database is unavailable (${describeOutage(error)}).`, {
      dependency: 'database',
      cause: error,
    });
  }
  // Errors without a SQLSTATE (a closed PGlite, a bad parameter) are bugs, not SQL failures: keep them as they are.
  if (getSqlState(error) === undefined && error instanceof Error) return error;
  return new QueryError(error);
}
