// Retention of finished runs' working blobs (training runs' parameters, shards and blocks; pipeline runs' chunks
// and model states): a succeeded run's go at the next pass, a failed run's are kept `keepFailedDays` for
// inspection. Idempotent, and safe when two instances' timers pass at once: each blob is deleted by one of them,
// and the run is stamped only once all of its blobs are gone, so a pass cut short is finished by the next.
import type { Db } from '@suite/shared/db';
import { listRunsWithDueBlobs, markBlobsDeleted, type RunTable } from '../store/run-blob-repository.ts';

/** The rule the timer applies (FAILED_RUN_BLOB_DAYS). */
export interface BlobRetentionPolicy {
  /** Days a failed run's blobs are kept after it failed; 0 deletes them at the next pass. */
  keepFailedDays: number;
  /** The clock (tests move it). */
  now?: Date;
}

/** What one pass did. */
export interface BlobRetentionReport {
  runs: number;
  blobs: number;
}

/** Runs handled per pass: a backlog is worked off over the following passes. */
const RUNS_PER_PASS = 50;

/** Deletes the blobs of the runs of `table` that are due (see BlobRetentionPolicy), with `deleteRunBlobs`. */
export async function deleteDueRunBlobs(
  db: Db,
  table: RunTable,
  deleteRunBlobs: (runId: string) => Promise<number>,
  policy: BlobRetentionPolicy,
): Promise<BlobRetentionReport> {
  const now = policy.now ?? new Date();
  const failedBefore = new Date(now.getTime() - policy.keepFailedDays * 86_400_000);
  const report: BlobRetentionReport = { runs: 0, blobs: 0 };
  for (const id of await listRunsWithDueBlobs(db, table, failedBefore, RUNS_PER_PASS)) {
    report.blobs += await deleteRunBlobs(id);
    await markBlobsDeleted(db, table, id);
    report.runs += 1;
  }
  return report;
}
