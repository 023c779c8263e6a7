// Which stored versions a model keeps: the newest N, the pinned ones and whatever `latest` serves. Versions newer
// than `latest` are never removed either: one may be a publish in flight on another instance, about to win.

/** The default of MODEL_KEEP_VERSIONS. */
export const DEFAULT_KEEP_VERSIONS = 10;

/**
 * The version ids to delete from `ids` (any order; ids sort by publish time): all but the newest `keep`,
 * the pinned ones, `latest` and anything newer than it.
 */
export function selectRemovable(
  ids: readonly string[],
  latest: string | null,
  pinned: ReadonlySet<string>,
  keep: number,
): string[] {
  if (latest === null) return [];
  const sorted = [...ids].sort();
  const newest = new Set(sorted.slice(Math.max(0, sorted.length - keep)));
  return sorted.filter((id) => id < latest && !newest.has(id) && !pinned.has(id));
}
