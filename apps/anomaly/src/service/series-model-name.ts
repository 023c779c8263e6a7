// The model store name of a series' model.
import { createHash } from 'node:crypto';

/** Model store names allow [a-z0-9._-]; other series ids get a stable hash so any valid id maps to one name. */
export function seriesModelName(seriesId: string): string {
  if (/^[a-z0-9][a-z0-9._-]{0,55}$/.test(seriesId)) return `series-${seriesId}`;
  return `series-h-${createHash('sha256').update(seriesId).digest('hex').slice(0, 24)}`;
}
