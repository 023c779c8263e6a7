// SQL of run blob retention: which finished runs still have working blobs due for deletion, and the stamp that
// says they are gone. Shared by training runs and pipeline runs (same columns, two tables).
import type { Queryable } from '@suite/shared/db';

/** The run tables whose working blobs are kept in Blob storage. */
export type RunTable = 'rec_training_runs' | 'rec_pipeline_runs';

/**
 * Ids of runs whose blobs are due: succeeded (published; nothing reads their blobs again), or failed before
 * `failedBefore` (kept until then for inspection). Never a running run. Oldest first, at most `limit`.
 */
export async function listRunsWithDueBlobs(
  db: Queryable,
  table: RunTable,
  failedBefore: Date,
  limit: number,
): Promise<string[]> {
  const r = await db.query<{ id: string }>(
    `SELECT id FROM ${table}
     WHERE blobs_deleted_at IS NULL AND state <> 'running'
       AND (state = 'succeeded' OR coalesce(finished_at, created_at) < $1)
     ORDER BY finished_at NULLS FIRST LIMIT $2`,
    [failedBefore, limit],
  );
  return r.rows.map((row) => String(row.id));
}

/** Stamps a run's blobs as deleted (a second caller finds it stamped and changes nothing). */
export async function markBlobsDeleted(db: Queryable, table: RunTable, id: string): Promise<void> {
  await db.query(`UPDATE ${table} SET blobs_deleted_at = now() WHERE id = $1 AND blobs_deleted_at IS NULL`, [
    id,
  ]);
}
