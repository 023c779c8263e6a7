// SQL of anomaly_models: which model names belong to this app (named models and one per series).
import type { Db, Queryable } from '@suite/shared/db';

export type ModelKind = 'fit' | 'onnx' | 'series';

/** Records `name` as this app's (idempotent; a named model's kind follows its latest publish). */
export async function recordModel(
  db: Queryable,
  name: string,
  kind: ModelKind,
  series: string | null = null,
): Promise<void> {
  await db.query(
    `INSERT INTO anomaly_models (name, kind, series) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO UPDATE SET kind = EXCLUDED.kind, updated_at = now()
     WHERE anomaly_models.kind IS DISTINCT FROM EXCLUDED.kind`,
    [name, kind, series],
  );
}

/** Named models (fitted or imported), by name; series models are reached by their name only. */
export async function listNamedModels(db: Db): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    'SELECT name FROM anomaly_models WHERE series IS NULL ORDER BY name',
  );
  return rows.rows.map((r) => r.name);
}

export async function isAppModel(db: Db, name: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM anomaly_models WHERE name = $1', [name]);
  return rows.rows.length > 0;
}

/** The series whose model `name` is, or undefined for a named model or a name of no model here. */
export async function seriesOfModel(db: Db, name: string): Promise<string | undefined> {
  const rows = await db.query<{ series: string | null }>(
    'SELECT series FROM anomaly_models WHERE name = $1',
    [name],
  );
  return rows.rows[0]?.series ?? undefined;
}
