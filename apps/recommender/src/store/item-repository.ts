// Item reads for serving without a model or for decorating a top-K: the most rated items, and titles.
import type { Queryable } from '@suite/shared/db';

/** Most-rated items (cold start without a model): [{itemId, count}]. */
export async function getPopularItems(
  db: Queryable,
  limit: number,
  excludeUser?: number,
): Promise<Array<{ itemId: number; count: number }>> {
  const r = await db.query<{ item_id: number; n: string }>(
    `SELECT item_id, count(*) AS n FROM rec_ratings
     WHERE $2::int IS NULL OR item_id NOT IN (SELECT item_id FROM rec_ratings WHERE user_id = $2)
     GROUP BY item_id ORDER BY n DESC, item_id LIMIT $1`,
    [limit, excludeUser ?? null],
  );
  return r.rows.map((x) => ({ itemId: x.item_id, count: Number(x.n) }));
}

export async function getItemTitles(db: Queryable, ids: number[]): Promise<Map<number, string | null>> {
  if (ids.length === 0) return new Map();
  const r = await db.query<{ id: number; title: string | null }>(
    'SELECT id, title FROM rec_items WHERE id = ANY($1::int[])',
    [ids],
  );
  return new Map(r.rows.map((x) => [x.id, x.title]));
}

/** Whether any rating is stored (an empty database is seeded with demo data in dev). */
export async function hasRatings(db: Queryable): Promise<boolean> {
  const r = await db.query<{ found: boolean }>('SELECT EXISTS (SELECT 1 FROM rec_ratings) AS found');
  return r.rows[0]?.found === true;
}

/**
 * Whether an item is in the catalogue: imported as an item, or named by a stored rating (an admin's rating file
 * may define the items, as MovieLens u.data does alone). Both lookups use an index.
 */
export async function isCatalogued(db: Queryable, itemId: number): Promise<boolean> {
  const r = await db.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM rec_items WHERE id = $1)
         OR EXISTS (SELECT 1 FROM rec_ratings WHERE item_id = $1) AS found`,
    [itemId],
  );
  return r.rows[0]?.found === true;
}
