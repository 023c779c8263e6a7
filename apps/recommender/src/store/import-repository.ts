// Idempotent upserts of ratings, items and users: a row changes only when its values differ, so importing
// the same file twice reports everything unchanged. Every statement is parameterised.
import type { Queryable } from '@suite/shared/db';
import type { ItemRow, RatingRow, UserRow } from '../data/import-row-schemas.ts';
import { countReturned, inChunks, type UpsertCounts } from './upsert-chunks.ts';

/**
 * Upsert ratings (already deduplicated). A pair changes only when the rating differs and the new row is not
 * older, so importing the same file twice reports everything unchanged the second time.
 */
export function upsertRatings(
  db: Queryable,
  rows: RatingRow[],
  source = 'import',
  now = Date.now(),
): Promise<UpsertCounts> {
  return inChunks(rows, async (chunk) => {
    const res = await db.query<{ inserted: boolean }>(
      `INSERT INTO rec_ratings (user_id, item_id, rating, rated_at, source)
       SELECT u, i, r, to_timestamp(t), $5 FROM unnest($1::int[], $2::int[], $3::real[], $4::float8[]) AS x(u, i, r, t)
       ON CONFLICT (user_id, item_id) DO UPDATE SET rating = EXCLUDED.rating, rated_at = EXCLUDED.rated_at, source = EXCLUDED.source
       WHERE rec_ratings.rating IS DISTINCT FROM EXCLUDED.rating AND EXCLUDED.rated_at >= rec_ratings.rated_at
       RETURNING (xmax = 0) AS inserted`,
      [
        chunk.map((r) => r.user),
        chunk.map((r) => r.item),
        chunk.map((r) => r.rating),
        chunk.map((r) => r.time ?? now / 1000),
        source,
      ],
    );
    return countReturned(res.rows);
  });
}

export function upsertItems(db: Queryable, rows: ItemRow[]): Promise<UpsertCounts> {
  return inChunks(rows, async (chunk) => {
    const res = await db.query<{ inserted: boolean }>(
      `INSERT INTO rec_items (id, title, genres)
       SELECT id, title, ARRAY(SELECT jsonb_array_elements_text(g)) FROM unnest($1::int[], $2::text[], $3::jsonb[]) AS x(id, title, g)
       ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, genres = EXCLUDED.genres, updated_at = now()
       WHERE (rec_items.title, rec_items.genres) IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.genres)
       RETURNING (xmax = 0) AS inserted`,
      [chunk.map((r) => r.id), chunk.map((r) => r.title), chunk.map((r) => JSON.stringify(r.genres))],
    );
    return countReturned(res.rows);
  });
}

export function upsertUsers(db: Queryable, rows: UserRow[]): Promise<UpsertCounts> {
  return inChunks(rows, async (chunk) => {
    const res = await db.query<{ inserted: boolean }>(
      `INSERT INTO rec_users (id, age, gender, occupation)
       SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[])
       ON CONFLICT (id) DO UPDATE SET age = EXCLUDED.age, gender = EXCLUDED.gender, occupation = EXCLUDED.occupation, updated_at = now()
       WHERE (rec_users.age, rec_users.gender, rec_users.occupation) IS DISTINCT FROM (EXCLUDED.age, EXCLUDED.gender, EXCLUDED.occupation)
       RETURNING (xmax = 0) AS inserted`,
      [
        chunk.map((r) => r.id),
        chunk.map((r) => r.age),
        chunk.map((r) => r.gender),
        chunk.map((r) => r.occupation),
      ],
    );
    return countReturned(res.rows);
  });
}
