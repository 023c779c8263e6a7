// SQL of a series' model record: the intent written before a publish, the record after it, and their recovery.
import type { Queryable } from '@suite/shared/db';
import { recordModel } from './model-repository.ts';

/**
 * Takes the series row and, unless its served model was fitted on more points than `points`, marks a publish as
 * started (committed before the model store is written); returns the mark, which `recordModelPublish` clears, or
 * undefined when the model is not needed any more. One statement: the row lock is held for no longer than it.
 */
export async function claimModelPublish(
  db: Queryable,
  series: string,
  points: number,
): Promise<string | undefined> {
  const rows = await db.query<{ started: string }>(
    `UPDATE anomaly_series SET model_publish_started_at = clock_timestamp()
     WHERE id = $1 AND (model_points IS NULL OR model_points <= $2)
     RETURNING model_publish_started_at::text AS started`,
    [series, points],
  );
  return rows.rows[0]?.started;
}

/**
 * Records what a publish left in the store (`version` undefined: nothing of its own) and clears its mark when no
 * later publish replaced it. Idempotent: the version is recorded only over one fitted on as many points or fewer
 * (or none recorded), so a late record never puts an older model's version over a newer one's.
 */
export async function recordModelPublish(
  db: Queryable,
  series: string,
  modelName: string,
  published: { version: string; points: number } | undefined,
  started: string,
): Promise<void> {
  if (published) await recordModel(db, modelName, 'series', series);
  await db.query(
    `UPDATE anomaly_series SET
       model_version = CASE WHEN $2::text IS NOT NULL
         AND (model_version IS NULL OR model_points IS NULL OR model_points <= $3) THEN $2 ELSE model_version END,
       model_points = CASE WHEN $2::text IS NOT NULL
         AND (model_version IS NULL OR model_points IS NULL OR model_points <= $3) THEN $3 ELSE model_points END,
       model_publish_started_at = CASE WHEN model_publish_started_at = $4::timestamptz THEN NULL
         ELSE model_publish_started_at END,
       updated_at = now()
     WHERE id = $1`,
    [series, published?.version ?? null, published?.points ?? null, started],
  );
}

/** Series whose publish mark is older than `olderThanSeconds`: a publish that never recorded (its process died). */
export async function listUnrecordedPublishes(
  db: Queryable,
  olderThanSeconds: number,
  limit: number,
): Promise<Array<{ series: string; started: string }>> {
  const rows = await db.query<{ id: string; started: string }>(
    `SELECT id, model_publish_started_at::text AS started FROM anomaly_series
     WHERE model_publish_started_at < now() - make_interval(secs => $1)
     ORDER BY model_publish_started_at LIMIT $2`,
    [olderThanSeconds, limit],
  );
  return rows.rows.map((r) => ({ series: r.id, started: r.started }));
}
