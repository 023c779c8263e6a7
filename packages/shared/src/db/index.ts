// Postgres access for the suite: one Db over pg.Pool or embedded PGlite, plus per-app migrations.
/**
 * @example
 * import { getDb, ensureMigrations } from '@suite/shared/db';
 *
 * await ensureMigrations(getDb(), { app: 'anomaly', dir: migrationsDir });
 * await getDb().transaction(async (tx) => {
 *   await tx.query('INSERT INTO points (series, ts, value) VALUES ($1, $2, $3)', ['cpu', new Date(), 0.4]);
 * });
 * // Outages throw DependencyError (503); SQL failures throw an error with the SQLSTATE in `code`.
 *
 * @module
 */
export type { Db, DbOptions, Queryable, QueryResult } from './types.ts';
export { closeDbOnAppTerminate, createDb, getDb, resetDb } from './create-db.ts';
export { ensureMigrations, type MigrationOptions } from './migrations.ts';
export { describeOutage } from './db-errors.ts';
export { createSchemaGuard, type SchemaGuard } from './app-schema.ts';
export { findUnstorableText, isUnstorableText, UNSTORABLE_TEXT_MESSAGE } from './storable-text.ts';
