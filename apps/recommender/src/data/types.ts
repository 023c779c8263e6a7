// Plain data shapes shared by loaders, the database layer and training: ratings as columns, side profiles as rows.

/** Ratings as parallel columns (raw ids, not model indexes); row r is (user[r], item[r], rating[r], time[r]). */
export interface Ratings {
  user: Int32Array;
  item: Int32Array;
  rating: Float32Array;
  /** Unix seconds. */
  time: Float64Array;
}

/** A user's side features; unknown fields are null. */
export interface UserProfile {
  id: number;
  age: number | null;
  gender: 'M' | 'F' | null;
  occupation: string | null;
}

/** An item's side features. */
export interface ItemProfile {
  id: number;
  title: string | null;
  genres: string[];
}

/** MovieLens 100K genre vocabulary in file order (u.genre). */
export const MOVIELENS_GENRES: readonly string[] = [
  'unknown',
  'Action',
  'Adventure',
  'Animation',
  "Children's",
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
];

/** MovieLens 100K occupation vocabulary (u.occupation). */
export const MOVIELENS_OCCUPATIONS: readonly string[] = [
  'administrator',
  'artist',
  'doctor',
  'educator',
  'engineer',
  'entertainment',
  'executive',
  'healthcare',
  'homemaker',
  'lawyer',
  'librarian',
  'marketing',
  'none',
  'other',
  'programmer',
  'retired',
  'salesman',
  'scientist',
  'student',
  'technician',
  'writer',
];

/** Build a Ratings value from row objects. */
export function createRatings(
  rows: ReadonlyArray<{ user: number; item: number; rating: number; time?: number }>,
): Ratings {
  const n = rows.length;
  const out: Ratings = {
    user: new Int32Array(n),
    item: new Int32Array(n),
    rating: new Float32Array(n),
    time: new Float64Array(n),
  };
  rows.forEach((r, i) => {
    out.user[i] = r.user;
    out.item[i] = r.item;
    out.rating[i] = r.rating;
    out.time[i] = r.time ?? 0;
  });
  return out;
}

/** Rows `indexes` of `ratings`, in that order. */
export function selectRatings(ratings: Ratings, indexes: ArrayLike<number>): Ratings {
  const n = indexes.length;
  const out: Ratings = {
    user: new Int32Array(n),
    item: new Int32Array(n),
    rating: new Float32Array(n),
    time: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const r = indexes[i] as number;
    out.user[i] = ratings.user[r] as number;
    out.item[i] = ratings.item[r] as number;
    out.rating[i] = ratings.rating[r] as number;
    out.time[i] = ratings.time[r] as number;
  }
  return out;
}
