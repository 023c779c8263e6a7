// Who may use a conversation: the holder of its session token, and for reading, an agent (admin). Session ids
// are issued by the server (a random UUID) with a 256-bit token; the database keeps only the token's SHA-256.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Db } from '@suite/shared/db';
import { NotFoundError, UnauthorizedError } from '@suite/shared/errors';
import { findSessionTokenHash, insertSession } from '../store/session-repository.ts';

/** The header a client sends its session token in. */
export const SESSION_TOKEN_HEADER = 'x-session-token';

/** What the caller presents for a session. */
export interface SessionAccess {
  /** The token issued with the session. */
  sessionToken?: string | undefined;
  /** An agent with the admin key (may read any conversation, never write to one). */
  admin?: boolean | undefined;
}

/** A newly issued session: the token is shown once, here. */
export interface IssuedSession {
  sessionId: string;
  sessionToken: string;
}

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Issues a session: an unguessable id and token, of which only the token's hash is stored. */
export async function issueSession(db: Db): Promise<IssuedSession> {
  const session = { sessionId: randomUUID(), sessionToken: randomBytes(32).toString('base64url') };
  await insertSession(db, session.sessionId, hashToken(session.sessionToken));
  return session;
}

/**
 * Throws unless `access` may use `sessionId`: 401 without a token or with the wrong one, 404 for an id the
 * server never issued (a client cannot choose its own). With `allowAdmin`, an admin passes without a token.
 */
export async function ensureSessionAccess(
  db: Db,
  sessionId: string,
  access: SessionAccess,
  allowAdmin = false,
): Promise<void> {
  if (allowAdmin && access.admin === true) return;
  const token = access.sessionToken;
  if (token === undefined || token === '') {
    throw new UnauthorizedError(
      `This conversation needs its session token in the ${SESSION_TOKEN_HEADER} header.`,
    );
  }
  const stored = await findSessionTokenHash(db, sessionId);
  if (stored === undefined) {
    throw new NotFoundError(
      `session ${sessionId} was not issued by this server: send no sessionId to start a conversation`,
    );
  }
  if (!timingSafeEqual(stored, hashToken(token))) {
    throw new UnauthorizedError(`The ${SESSION_TOKEN_HEADER} header does not match this session.`);
  }
}
