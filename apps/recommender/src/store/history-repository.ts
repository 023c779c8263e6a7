// Reads of the stored history: the whole snapshot training needs, and one user's profile, ratings and clicks.
import type { Queryable } from '@suite/shared/db';
import { createRatings, type ItemProfile, type Ratings, type UserProfile } from '../data/types.ts';

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
