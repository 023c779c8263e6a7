// SQL for the recommender's tables: idempotent upserts of users, items and ratings, history reads, events,
// and the batch top-K table. Every statement is parameterised.
import type { Queryable } from '@suite/shared/db';
import { createRatings, type ItemProfile, type Ratings, type UserProfile } from '../data/types.ts';
import type { ItemRow, RatingRow, UserRow } from './import-rows.ts';

const CHUNK = 2000;

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

async function inChunks<T>(
  rows: T[],
  fn: (chunk: T[]) => Promise<{ inserted: number; updated: number }>,
): Promise<UpsertCounts> {
  const total: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  for (let s = 0; s < rows.length; s += CHUNK) {
    const chunk = rows.slice(s, s + CHUNK);
    const r = await fn(chunk);
    total.inserted += r.inserted;
    total.updated += r.updated;
    total.unchanged += chunk.length - r.inserted - r.updated;
  }
  return total;
}

function countReturned(rows: Array<{ inserted: boolean }>): { inserted: number; updated: number } {
  const inserted = rows.filter((r) => r.inserted).length;
  return { inserted, updated: rows.length - inserted };
}

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

/** Everything training needs, in one snapshot. */
export async function loadTrainingData(
  db: Queryable,
): Promise<{ ratings: Ratings; users: UserProfile[]; items: ItemProfile[] }> {
  const r = await db.query<{ user_id: number; item_id: number; rating: number; t: number }>(
    'SELECT user_id, item_id, rating, extract(epoch FROM rated_at)::float8 AS t FROM rec_ratings ORDER BY rated_at, user_id, item_id',
  );
  const u = await db.query<{
    id: number;
    age: number | null;
    gender: 'M' | 'F' | null;
    occupation: string | null;
  }>('SELECT id, age, gender, occupation FROM rec_users');
  const i = await db.query<{ id: number; title: string | null; genres: string[] }>(
    'SELECT id, title, genres FROM rec_items',
  );
  return {
    ratings: createRatings(
      r.rows.map((x) => ({ user: x.user_id, item: x.item_id, rating: Number(x.rating), time: Number(x.t) })),
    ),
    users: u.rows.map((x) => ({ id: x.id, age: x.age, gender: x.gender, occupation: x.occupation })),
    items: i.rows.map((x) => ({ id: x.id, title: x.title, genres: x.genres ?? [] })),
  };
}

/** A user's stored profile and history: ratings newest first, and clicked items. */
export async function loadUserHistory(
  db: Queryable,
  userId: number,
): Promise<{
  profile: UserProfile | undefined;
  ratings: Array<{ item: number; rating: number }>;
  clicks: number[];
}> {
  const p = await db.query<{
    id: number;
    age: number | null;
    gender: 'M' | 'F' | null;
    occupation: string | null;
  }>('SELECT id, age, gender, occupation FROM rec_users WHERE id = $1', [userId]);
  const r = await db.query<{ item_id: number; rating: number }>(
    'SELECT item_id, rating FROM rec_ratings WHERE user_id = $1 ORDER BY rated_at DESC, item_id',
    [userId],
  );
  const c = await db.query<{ item_id: number }>(
    "SELECT DISTINCT item_id FROM rec_events WHERE user_id = $1 AND kind = 'click'",
    [userId],
  );
  return {
    profile: p.rows[0],
    ratings: r.rows.map((x) => ({ item: x.item_id, rating: Number(x.rating) })),
    clicks: c.rows.map((x) => x.item_id),
  };
}

export interface EventRow {
  eventId?: string | undefined;
  userId: number;
  itemId: number;
  kind: 'rating' | 'click';
  value?: number | undefined;
  occurredAt: Date;
  modelVersion?: string | null;
}

/** Store an event; returns false when its event id was seen before (a retried delivery). */
export async function insertEvent(db: Queryable, e: EventRow): Promise<boolean> {
  const res = await db.query(
    `INSERT INTO rec_events (event_id, user_id, item_id, kind, value, occurred_at, model_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id) DO NOTHING RETURNING id`,
    [
      e.eventId ?? null,
      e.userId,
      e.itemId,
      e.kind,
      e.value ?? null,
      e.occurredAt.toISOString(),
      e.modelVersion ?? null,
    ],
  );
  return res.rowCount > 0;
}

/** The stored event with this id, to tell a redelivery from a clash. */
export async function getEvent(
  db: Queryable,
  eventId: string,
): Promise<
  { userId: number; itemId: number; kind: string; value: number | null; occurredAt: Date } | undefined
> {
  const r = await db.query<{
    user_id: number;
    item_id: number;
    kind: string;
    value: number | null;
    occurred_at: Date | string;
  }>('SELECT user_id, item_id, kind, value, occurred_at FROM rec_events WHERE event_id = $1', [eventId]);
  const row = r.rows[0];
  return (
    row && {
      userId: row.user_id,
      itemId: row.item_id,
      kind: row.kind,
      value: row.value === null ? null : Number(row.value),
      occurredAt: new Date(row.occurred_at),
    }
  );
}

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
