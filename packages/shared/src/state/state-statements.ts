// The SQL of the state store: every statement over `suite_state`, with its parameter order, and the row it returns.
// Expiry and versions are decided inside each statement, so a compare-and-swap is one round trip.

/** A row of `suite_state` as the statements return it. */
export interface StateRow {
  key: string;
  value: unknown;
  version: number;
  updated_at: Date;
  expires_at: Date | null;
}

const COLUMNS = 'key, value, version, updated_at, expires_at';
/**
 * The time every statement compares with: the database clock (`now()`), whatever the instance's clock says, unless
 * the store was given a clock (tests), which then arrives as parameter `$n` (NULL means the database clock).
 */
const NOW = (n: number) => `COALESCE($${n}::timestamptz, now())`;
const LIVE = (n: number) => `(expires_at IS NULL OR expires_at > ${NOW(n)})`;
// NULL ttl makes the product NULL and so no expiry.
const EXPIRY = `${NOW(5)} + ($4::float8 * interval '1 second')`;
const UPSERT = `INSERT INTO suite_state AS s (namespace, key, value, version, updated_at, expires_at)
  VALUES ($1, $2, $3::text::jsonb, 1, ${NOW(5)}, ${EXPIRY})
  ON CONFLICT (namespace, key) DO UPDATE SET value = EXCLUDED.value, version = s.version + 1,
    updated_at = EXCLUDED.updated_at, expires_at = EXCLUDED.expires_at`;
// Parameters: $1 namespace, $2 key, then per statement; the clock is always the last one.
export const SQL = {
  get: `SELECT ${COLUMNS} FROM suite_state WHERE namespace = $1 AND key = $2 AND ${LIVE(3)}`,
  // $3 value, $4 ttl seconds, $5 clock
  put: `${UPSERT} RETURNING ${COLUMNS}`,
  // An expired row counts as absent; its version keeps counting up so an old reader's version never matches again.
  create: `${UPSERT} WHERE s.expires_at IS NOT NULL AND s.expires_at <= ${NOW(5)} RETURNING ${COLUMNS}`,
  // $3 value, $4 ttl seconds, $5 clock, $6 expected version
  swap: `UPDATE suite_state SET value = $3::text::jsonb, version = version + 1, updated_at = ${NOW(5)}, expires_at = ${EXPIRY}
    WHERE namespace = $1 AND key = $2 AND version = $6 AND ${LIVE(5)} RETURNING ${COLUMNS}`,
  delete: `DELETE FROM suite_state WHERE namespace = $1 AND key = $2 RETURNING ${LIVE(3)} AS live`,
  // $3 expected version, $4 clock
  deleteAt: `DELETE FROM suite_state WHERE namespace = $1 AND key = $2 AND version = $3 RETURNING ${LIVE(4)} AS live`,
  // $2 key pattern, $3 limit, $4 clock
  list: `SELECT ${COLUMNS} FROM suite_state WHERE namespace = $1 AND key LIKE $2 ESCAPE '\\' AND ${LIVE(4)}
    ORDER BY key COLLATE "C" LIMIT $3`,
};
