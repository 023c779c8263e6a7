// The tables of per-client API keys, shared by every app of the suite: applied through the migration runner
// (recorded as app `suite_api_keys`), from SQL that ships in the code so a deploy bundle needs no extra folder.
import { createHash } from 'node:crypto';
import { applyMigrationFiles, type MigrationFile } from '../db/migrations.ts';
import type { Db } from '../db/types.ts';

const SQL = `
CREATE TABLE IF NOT EXISTS suite_api_keys (
  id text PRIMARY KEY,
  client text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  rate_per_minute integer NOT NULL CHECK (rate_per_minute > 0),
  quota_per_day integer CHECK (quota_per_day > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
-- One row per key per window: 'm' rows count a minute (the rate limit), 'd' rows a UTC day (quota and metering).
CREATE TABLE IF NOT EXISTS suite_api_usage (
  key_id text NOT NULL REFERENCES suite_api_keys (id) ON DELETE CASCADE,
  period char(1) NOT NULL CHECK (period IN ('m', 'd')),
  bucket timestamptz NOT NULL,
  requests integer NOT NULL DEFAULT 0,
  refused integer NOT NULL DEFAULT 0,
  PRIMARY KEY (key_id, period, bucket)
);
`;

const FILES: MigrationFile[] = [
  { name: '001_api_keys.sql', sql: SQL, checksum: createHash('sha256').update(SQL).digest('hex') },
];

const applied = new WeakMap<Db, Promise<unknown>>();

/** Create the API-key tables on `db` once per handle (a failure is forgotten so the next call retries). */
export function ensureApiKeySchema(db: Db): Promise<unknown> {
  let pending = applied.get(db);
  if (pending === undefined) {
    pending = applyMigrationFiles(db, 'suite_api_keys', FILES);
    applied.set(db, pending);
    pending.catch(() => applied.delete(db));
  }
  return pending;
}
