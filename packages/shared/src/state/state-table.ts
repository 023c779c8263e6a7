// The one table behind every state store, created on first use, and the sweep of expired rows.
import type { Db } from '../db/types.ts';

const created = new WeakMap<Db, Promise<void>>();
/** First key of the advisory lock guarding table creation: the suite's class, as in migrations.ts; the second key tells them apart. */
const LOCK_CLASS = 0x5017e;

async function createTable(db: Db): Promise<void> {
  const found = await db.query<{ present: boolean }>(
    "SELECT to_regclass('suite_state') IS NOT NULL AS present",
  );
  if (found.rows[0]?.present) return;
  // Two instances running CREATE TABLE IF NOT EXISTS at once can still collide on a server, hence the lock.
  await db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1::int, hashtext('suite_state'))", [LOCK_CLASS]);
    await tx.query(`
      CREATE TABLE IF NOT EXISTS suite_state (
        namespace text NOT NULL,
        key text NOT NULL,
        value jsonb NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        PRIMARY KEY (namespace, key)
      );
      CREATE INDEX IF NOT EXISTS suite_state_expires_at ON suite_state (expires_at) WHERE expires_at IS NOT NULL;`);
  });
}

/** Create `suite_state` once per {@link Db} handle; a failed attempt is retried by the next caller. */
export function ensureStateTable(db: Db): Promise<void> {
  let pending = created.get(db);
  if (!pending) {
    pending = createTable(db);
    created.set(db, pending);
    pending.catch(() => created.delete(db));
  }
  return pending;
}

/**
 * Delete expired state rows (all namespaces, or one) and return how many went. Expired rows already read
 * as absent, so this only reclaims space: run it from a timer.
 *
 * @example
 * app.timer('purgeState', { schedule: '0 0 * * * *', handler: () => purgeExpiredState(getDb()) });
 */
export async function purgeExpiredState(
  db: Db,
  options: { namespace?: string; now?: Date } = {},
): Promise<number> {
  await ensureStateTable(db);
  // Without `now`, the database clock decides, as for every read of the store.
  const now = options.now?.toISOString() ?? null;
  const expired = 'expires_at <= COALESCE($1::timestamptz, now())';
  const result =
    options.namespace === undefined
      ? await db.query(`DELETE FROM suite_state WHERE ${expired}`, [now])
      : await db.query(`DELETE FROM suite_state WHERE ${expired} AND namespace = $2`, [
          now,
          options.namespace,
        ]);
  return result.rowCount;
}
