// SQL for issued chat sessions: the id and the SHA-256 of its token (the token itself is never stored).
import type { Queryable } from '@suite/shared/db';

/** Records a newly issued session. */
export async function insertSession(db: Queryable, sessionId: string, tokenHash: Buffer): Promise<void> {
  await db.query('INSERT INTO chat_sessions (session_id, token_hash) VALUES ($1, $2)', [
    sessionId,
    tokenHash,
  ]);
}

/** The stored token hash of a session, or undefined when the server never issued that id. */
export async function findSessionTokenHash(db: Queryable, sessionId: string): Promise<Buffer | undefined> {
  const { rows } = await db.query<{ token_hash: Uint8Array }>(
    'SELECT token_hash FROM chat_sessions WHERE session_id = $1',
    [sessionId],
  );
  const hash = rows[0]?.token_hash;
  return hash === undefined ? undefined : Buffer.from(hash);
}
