// Per-client API keys in PostgreSQL: issue, revoke, list with usage, and admit one request (rate limit per
// minute, quota per UTC day), counted in the same statement so concurrent instances share one count.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/types.ts';
import { NotFoundError } from '../errors/index.ts';
import { ensureApiKeySchema } from './api-key-schema.ts';

/** A key as the admin sees it; the secret itself is only shown once, when it is created. */
export interface ApiKeyInfo {
  id: string;
  client: string;
  ratePerMinute: number;
  quotaPerDay: number | null;
  createdAt: string;
  revokedAt: string | null;
  /** Requests admitted and refused today (UTC). */
  today: { requests: number; refused: number };
}

/** One UTC day of a key's usage. */
export interface ApiKeyUsageDay {
  day: string;
  requests: number;
  refused: number;
}

/** What admitting a request decided. */
export type Admission =
  | { outcome: 'admitted'; keyId: string; client: string }
  | { outcome: 'unknown' }
  | { outcome: 'rate_limited' | 'quota_exceeded'; keyId: string; client: string; retryAfterSeconds: number };

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

// Both windows are counted by one statement; a refused request counts as refused, not as a request.
const ADMIT_SQL = `
WITH k AS (
  SELECT id, client, rate_per_minute, quota_per_day FROM suite_api_keys WHERE key_hash = $1 AND revoked_at IS NULL
), m AS (
  INSERT INTO suite_api_usage AS u (key_id, period, bucket, requests)
  SELECT id, 'm', date_trunc('minute', now()), 1 FROM k
  ON CONFLICT (key_id, period, bucket) DO UPDATE SET requests = u.requests + 1
  RETURNING u.requests
), d AS (
  INSERT INTO suite_api_usage AS u (key_id, period, bucket, requests)
  SELECT id, 'd', date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', 1 FROM k
  ON CONFLICT (key_id, period, bucket) DO UPDATE SET requests = u.requests + 1
  RETURNING u.requests
)
SELECT k.id, k.client, k.rate_per_minute, k.quota_per_day,
  (SELECT requests FROM m) AS minute_count, (SELECT requests FROM d) AS day_count,
  ceil(extract(epoch FROM date_trunc('minute', now()) + interval '1 minute' - now()))::int AS minute_left,
  ceil(extract(epoch FROM (date_trunc('day', now() AT TIME ZONE 'UTC') + interval '1 day') AT TIME ZONE 'UTC' - now()))::int AS day_left
FROM k`;

/** Move a refused request from `requests` to `refused` in the day's row, so metering shows what was served. */
const REFUSE_SQL = `
UPDATE suite_api_usage SET requests = requests - 1, refused = refused + 1
WHERE key_id = $1 AND period = 'd' AND bucket = date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`;

/** The key store on `db`; its tables are created on first use. */
export function createApiKeyStore(db: Db) {
  const ready = () => ensureApiKeySchema(db);
  return {
    /** Issue a key for `client`; the returned `key` is the only time the secret is seen. */
    async create(input: { client: string; ratePerMinute: number; quotaPerDay: number | null }) {
      await ready();
      const id = randomBytes(6).toString('hex');
      const key = `sk_${id}_${randomBytes(24).toString('base64url')}`;
      await db.query(
        'INSERT INTO suite_api_keys (id, client, key_hash, rate_per_minute, quota_per_day) VALUES ($1, $2, $3, $4, $5)',
        [id, input.client, hashOf(key), input.ratePerMinute, input.quotaPerDay],
      );
      return { id, key, ...input };
    },

    /** Revoke a key at once; 404 when there is no such key. Revoking twice keeps the first time. */
    async revoke(id: string): Promise<void> {
      await ready();
      const result = await db.query(
        'UPDATE suite_api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1',
        [id],
      );
      if (result.rowCount === 0) throw new NotFoundError(`No API key ${id}`);
    },

    /** Every key with today's counts, newest first. */
    async list(): Promise<ApiKeyInfo[]> {
      await ready();
      const { rows } = await db.query<Record<string, unknown>>(`
        SELECT k.id, k.client, k.rate_per_minute, k.quota_per_day, k.created_at, k.revoked_at,
          coalesce(u.requests, 0) AS requests, coalesce(u.refused, 0) AS refused
        FROM suite_api_keys k LEFT JOIN suite_api_usage u ON u.key_id = k.id AND u.period = 'd'
          AND u.bucket = date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
        ORDER BY k.created_at DESC, k.id`);
      return rows.map((r) => ({
        id: String(r.id),
        client: String(r.client),
        ratePerMinute: Number(r.rate_per_minute),
        quotaPerDay: r.quota_per_day === null ? null : Number(r.quota_per_day),
        createdAt: (r.created_at as Date).toISOString(),
        revokedAt: r.revoked_at === null ? null : (r.revoked_at as Date).toISOString(),
        today: { requests: Number(r.requests), refused: Number(r.refused) },
      }));
    },

    /** A key's usage per UTC day over the last `days` days, oldest first; 404 for an unknown key. */
    async usage(id: string, days: number): Promise<ApiKeyUsageDay[]> {
      await ready();
      const found = await db.query('SELECT 1 FROM suite_api_keys WHERE id = $1', [id]);
      if (found.rowCount === 0) throw new NotFoundError(`No API key ${id}`);
      const { rows } = await db.query<{ bucket: Date; requests: number; refused: number }>(
        `SELECT bucket, requests, refused FROM suite_api_usage
         WHERE key_id = $1 AND period = 'd' AND bucket > now() - make_interval(days => $2::int)
         ORDER BY bucket`,
        [id, days],
      );
      return rows.map((r) => ({
        day: r.bucket.toISOString().slice(0, 10),
        requests: Number(r.requests),
        refused: Number(r.refused),
      }));
    },

    /** Count one request for the key `key` and decide whether it is served. */
    async admit(key: string): Promise<Admission> {
      await ready();
      const { rows } = await db.query<Record<string, unknown>>(ADMIT_SQL, [hashOf(key)]);
      const row = rows[0];
      if (row === undefined) return { outcome: 'unknown' };
      const keyId = String(row.id);
      const client = String(row.client);
      let refused: Admission | undefined;
      if (row.quota_per_day !== null && Number(row.day_count) > Number(row.quota_per_day)) {
        refused = { outcome: 'quota_exceeded', keyId, client, retryAfterSeconds: Number(row.day_left) };
      } else if (Number(row.minute_count) > Number(row.rate_per_minute)) {
        refused = {
          outcome: 'rate_limited',
          keyId,
          client,
          retryAfterSeconds: Math.max(1, Number(row.minute_left)),
        };
      }
      if (refused === undefined) return { outcome: 'admitted', keyId, client };
      await db.query(REFUSE_SQL, [keyId]);
      return refused;
    },

    /** Delete minute windows older than an hour (the rate limit only reads the current one). */
    async prune(): Promise<number> {
      await ready();
      const result = await db.query(
        "DELETE FROM suite_api_usage WHERE period = 'm' AND bucket < now() - interval '1 hour'",
      );
      return result.rowCount;
    },
  };
}

/** The store's surface. */
export type ApiKeyStore = ReturnType<typeof createApiKeyStore>;
