// All SQL of pipeline runs: the run rows, one count row per (run, stage, chunk) written once, and failures.
import type { Db, Queryable } from '@suite/shared/db';

export interface RunRow {
  id: string;
  blob: string;
  format: string;
  options: Record<string, unknown>;
  state: 'running' | 'succeeded' | 'failed';
  chunks: number | null;
  error: string | null;
  model_version: string | null;
  created_at: Date;
  finished_at: Date | null;
}

/** The counts a stage records for one chunk. */
export interface ChunkCounts {
  rowsIn: number;
  rejected: number;
  reasons: Record<string, number>;
  examples: Array<{ line: number; reason: string }>;
  written: number;
  extra: Record<string, number>;
  attempts: number;
  durationMs: number;
}

export interface StageTotals {
  stage: string;
  chunks: number;
  rows_in: string;
  rejected: string;
  written: string;
  duration_ms: number;
}

/** Inserts a run; false when a run with that id exists already (a repeated upload event). */
export async function insertRun(
  db: Queryable,
  run: { id: string; blob: string; format: string; options: Record<string, unknown>; error?: string },
): Promise<boolean> {
  const res = await db.query(
    `INSERT INTO rec_pipeline_runs (id, blob, format, options, state, error, finished_at)
     VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $6::text IS NULL THEN NULL ELSE now() END)
     ON CONFLICT (id) DO NOTHING RETURNING 1`,
    [
      run.id,
      run.blob,
      run.format,
      JSON.stringify(run.options),
      run.error ? 'failed' : 'running',
      run.error ?? null,
    ],
  );
  return res.rows.length > 0;
}

export async function getRun(db: Queryable, id: string): Promise<RunRow | undefined> {
  const res = await db.query<RunRow>(`SELECT * FROM rec_pipeline_runs WHERE id = $1`, [id]);
  return res.rows[0];
}

/** Ids of the newest runs first. */
export async function listRunIds(db: Queryable, limit: number): Promise<string[]> {
  const res = await db.query<{ id: string }>(
    `SELECT id FROM rec_pipeline_runs ORDER BY created_at DESC, id LIMIT $1`,
    [limit],
  );
  return res.rows.map((row) => String(row.id));
}

/**
 * Records a chunk's counts once. Returns false when the row was already there (a repeated delivery): the caller
 * then must not apply its database effects again. In a transaction, a concurrent duplicate waits on the key and
 * then finds it.
 */
export async function tryRecordChunk(
  db: Queryable,
  run: string,
  stage: string,
  chunk: number,
  c: ChunkCounts,
): Promise<boolean> {
  const res = await db.query(
    `INSERT INTO rec_pipeline_chunks (run_id, stage, chunk, rows_in, rejected, reasons, examples, written, extra, attempts, duration_ms)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (run_id, stage, chunk) DO NOTHING RETURNING 1`,
    [
      run,
      stage,
      chunk,
      c.rowsIn,
      c.rejected,
      JSON.stringify(c.reasons),
      JSON.stringify(c.examples),
      c.written,
      JSON.stringify(c.extra),
      c.attempts,
      c.durationMs,
    ],
  );
  return res.rows.length > 0;
}

/** Replaces the stage-specific sums of a recorded chunk (effects that count what they did). */
export async function updateChunkExtra(
  db: Queryable,
  run: string,
  stage: string,
  chunk: number,
  extra: Record<string, number>,
): Promise<void> {
  await db.query(
    `UPDATE rec_pipeline_chunks SET extra = $4 WHERE run_id = $1 AND stage = $2 AND chunk = $3`,
    [run, stage, chunk, JSON.stringify(extra)],
  );
}

export async function isChunkDone(
  db: Queryable,
  run: string,
  stage: string,
  chunk: number,
): Promise<boolean> {
  const res = await db.query(
    `SELECT 1 FROM rec_pipeline_chunks WHERE run_id = $1 AND stage = $2 AND chunk = $3`,
    [run, stage, chunk],
  );
  return res.rows.length > 0;
}

export async function countDone(db: Queryable, run: string, stage: string): Promise<number> {
  const res = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM rec_pipeline_chunks WHERE run_id = $1 AND stage = $2`,
    [run, stage],
  );
  return res.rows[0]?.n ?? 0;
}

export async function setChunkTotal(db: Queryable, run: string, chunks: number): Promise<void> {
  await db.query(`UPDATE rec_pipeline_runs SET chunks = $2 WHERE id = $1`, [run, chunks]);
}

export async function finishRun(
  db: Queryable,
  run: string,
  outcome: { state: 'succeeded'; modelVersion: string | null } | { state: 'failed'; error: string },
): Promise<void> {
  await db.query(
    `UPDATE rec_pipeline_runs SET state = $2, model_version = $3, error = $4, finished_at = now()
     WHERE id = $1 AND state = 'running'`,
    [
      run,
      outcome.state,
      outcome.state === 'succeeded' ? outcome.modelVersion : null,
      outcome.state === 'failed' ? outcome.error : null,
    ],
  );
}

export async function recordFailure(
  db: Queryable,
  f: { run: string; stage: string; chunk: number; attempts: number; error: string; poisoned: boolean },
): Promise<void> {
  await db.query(
    `INSERT INTO rec_pipeline_failures (run_id, stage, chunk, attempts, poisoned, error) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (run_id, stage, chunk) DO UPDATE SET attempts = GREATEST(rec_pipeline_failures.attempts, EXCLUDED.attempts),
       poisoned = rec_pipeline_failures.poisoned OR EXCLUDED.poisoned,
       error = CASE WHEN EXCLUDED.poisoned AND NOT rec_pipeline_failures.poisoned THEN rec_pipeline_failures.error ELSE EXCLUDED.error END,
       updated_at = now()`,
    [f.run, f.stage, f.chunk, f.attempts, f.poisoned, f.error],
  );
}

export async function stageTotals(db: Queryable, run: string): Promise<StageTotals[]> {
  const res = await db.query<StageTotals>(
    `SELECT stage, count(*)::int AS chunks, sum(rows_in)::text AS rows_in, sum(rejected)::text AS rejected,
            sum(written)::text AS written, sum(duration_ms)::float8 AS duration_ms
     FROM rec_pipeline_chunks WHERE run_id = $1 GROUP BY stage`,
    [run],
  );
  return res.rows;
}

/** Reason -> count summed over a stage's chunks, a few examples, and the sums of `extra`. */
export async function stageDetails(
  db: Queryable,
  run: string,
): Promise<
  Array<{
    stage: string;
    reasons: Record<string, number>[];
    examples: unknown[];
    extra: Record<string, number>[];
  }>
> {
  const res = await db.query<{
    stage: string;
    reasons: Record<string, number>[];
    examples: unknown[];
    extra: Record<string, number>[];
  }>(
    `SELECT stage, array_agg(reasons ORDER BY chunk) AS reasons, array_agg(examples ORDER BY chunk) AS examples,
            array_agg(extra ORDER BY chunk) AS extra
     FROM rec_pipeline_chunks WHERE run_id = $1 GROUP BY stage`,
    [run],
  );
  return res.rows;
}

export async function listFailures(
  db: Queryable,
  run: string,
): Promise<Array<{ stage: string; chunk: number; attempts: number; poisoned: boolean; error: string }>> {
  const res = await db.query<{
    stage: string;
    chunk: number;
    attempts: number;
    poisoned: boolean;
    error: string;
  }>(
    `SELECT stage, chunk, attempts, poisoned, error FROM rec_pipeline_failures WHERE run_id = $1 ORDER BY stage, chunk`,
    [run],
  );
  return res.rows;
}

export type { Db };
