// The pins table: which version a model serves when it should not serve its latest.
import type { Queryable } from '@suite/shared/db';

export interface Pin {
  version: string;
  pinnedAt: Date;
}

export async function getPin(db: Queryable, name: string): Promise<Pin | undefined> {
  const { rows } = await db.query<{ version: string; pinned_at: Date }>(
    'SELECT version, pinned_at FROM inference_pins WHERE model_name = $1',
    [name],
  );
  const row = rows[0];
  return row ? { version: row.version, pinnedAt: row.pinned_at } : undefined;
}

export async function setPin(db: Queryable, name: string, version: string): Promise<void> {
  await db.query(
    `INSERT INTO inference_pins (model_name, version) VALUES ($1, $2)
     ON CONFLICT (model_name) DO UPDATE SET version = EXCLUDED.version, pinned_at = now()`,
    [name, version],
  );
}

/** Removes the pin; true when there was one. */
export async function clearPin(db: Queryable, name: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM inference_pins WHERE model_name = $1', [name]);
  return rowCount > 0;
}
