// The bench's second protocol: from the full ratings (u.data), each user's last `n` ratings by time are the
// test set and the rest the training set, so a ranking result is checked on a split with another shape than
// the random 80/20 uN files (every user tested, on their newest items).
import { selectRatings, type ItemProfile, type Ratings, type UserProfile } from '../src/data/types.ts';
import { readRatingsFile, type MovielensSplit } from '../src/data/movielens.ts';

/** Split by time per user: the newest `n` ratings (ties broken by item id) go to the test set. */
export function splitLastPerUser(all: Ratings, n: number): { train: Ratings; test: Ratings } {
  const byUser = new Map<number, number[]>();
  for (let r = 0; r < all.user.length; r++) {
    const u = all.user[r] as number;
    let rows = byUser.get(u);
    if (!rows) byUser.set(u, (rows = []));
    rows.push(r);
  }
  const train: number[] = [];
  const test: number[] = [];
  for (const rows of byUser.values()) {
    rows.sort(
      (a, b) =>
        (all.time[a] as number) - (all.time[b] as number) ||
        (all.item[a] as number) - (all.item[b] as number),
    );
    const cut = Math.max(0, rows.length - n);
    rows.forEach((r, j) => (j < cut ? train : test).push(r));
  }
  train.sort((a, b) => a - b);
  test.sort((a, b) => a - b);
  return { train: selectRatings(all, train), test: selectRatings(all, test) };
}

/** `leave-<n>` from a ratings file in the u.data format, with the given side profiles. */
export function loadLeaveLastSplit(
  ratingsFile: string,
  profiles: { users: UserProfile[]; items: ItemProfile[] },
  n: number,
): MovielensSplit {
  const { train, test } = splitLastPerUser(readRatingsFile(ratingsFile), n);
  return { name: `leave-${n}`, train, test, ...profiles };
}
