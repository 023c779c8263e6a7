// The batch top-K table: replaced for every user by the batch job, read when no model is loaded.
import type { Queryable } from '@suite/shared/db';
import { CHUNK } from './upsert-chunks.ts';

export interface BatchEntry {
  userId: number;
  items: Array<{ itemId: number; score: number }>;
}

export async function replaceBatchRecommendations(
  db: Queryable,
  version: string,
  entries: BatchEntry[],
): Promise<void> {
  for (let s = 0; s < entries.length; s += CHUNK) {
    const chunk = entries.slice(s, s + CHUNK);
    await db.query(
      `INSERT INTO rec_batch_recommendations (user_id, model_version, items, computed_at)
       SELECT u, $3, it, now() FROM unnest($1::int[], $2::jsonb[]) AS x(u, it)
       ON CONFLICT (user_id) DO UPDATE SET model_version = EXCLUDED.model_version, items = EXCLUDED.items, computed_at = EXCLUDED.computed_at`,
      [chunk.map((e) => e.userId), chunk.map((e) => JSON.stringify(e.items)), version],
    );
  }
}

export async function getBatchRecommendations(
  db: Queryable,
  userId: number,
): Promise<{ version: string; items: BatchEntry['items'] } | undefined> {
  const r = await db.query<{ model_version: string; items: BatchEntry['items'] }>(
    'SELECT model_version, items FROM rec_batch_recommendations WHERE user_id = $1',
    [userId],
  );
  const row = r.rows[0];
  return row && { version: row.model_version, items: row.items };
}
