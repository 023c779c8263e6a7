// Chunked bulk statements: large imports go in slices of CHUNK rows (bounded parameter arrays), and the
// counts of inserted, updated and unchanged rows are summed over the slices.

export const CHUNK = 2000;

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export async function inChunks<T>(
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

export function countReturned(rows: Array<{ inserted: boolean }>): { inserted: number; updated: number } {
  const inserted = rows.filter((r) => r.inserted).length;
  return { inserted, updated: rows.length - inserted };
}
