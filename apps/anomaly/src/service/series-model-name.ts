// The model store name of a series' model.
import { createHash } from 'node:crypto';
import type { Db } from '@suite/shared/db';

const PLAIN_ID = /^[a-z0-9][a-z0-9._-]{0,55}$/;

/** Model store names allow [a-z0-9._-]; other series ids get a stable hash so any valid id maps to one name. */
export function seriesModelName(seriesId: string): string {
  if (PLAIN_ID.test(seriesId)) return `series-${seriesId}`;
  return `series-h-${createHash('sha256').update(seriesId).digest('hex').slice(0, 24)}`;
}

/**
 * Whether `name` is the model name of a known series (GET /api/series names it before the series has a model:
 * while it warms up, its list of versions is empty). A hashed name cannot be reversed, so it is looked for among
 * the series still without a model whose id is not plain (the others are recorded in anomaly_models).
 */
export async function isSeriesModelName(db: Db, name: string): Promise<boolean> {
  const id = name.slice('series-'.length);
  if (seriesModelName(id) === name) {
    const known = await db.query('SELECT 1 FROM anomaly_series WHERE id = $1', [id]);
    if (known.rows.length > 0) return true;
  }
  if (!name.startsWith('series-h-')) return false;
  const unfitted = await db.query<{ id: string }>(
    `SELECT id FROM anomaly_series WHERE model_version IS NULL AND id !~ $1`,
    [PLAIN_ID.source],
  );
  return unfitted.rows.some((row) => seriesModelName(row.id) === name);
}
