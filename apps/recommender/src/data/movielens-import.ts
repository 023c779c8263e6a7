// The `movielens` import format: MovieLens 100K's own files, as they are. u.data is the tab-separated rating
// format the importer already reads; u.item (`id|title|release|video|url|19 genre flags`) and u.user
// (`id|age|gender|occupation|zip`) are turned into rows with the parsers the benches use, then checked like JSON.
import { parseItemsText, parseUsersText } from './movielens.ts';
import type { ImportFormat } from './import-rows.ts';

/** The body in a format the generic importer reads. */
export function fromMovielens(
  kind: 'ratings' | 'items' | 'users',
  text: string,
): { text: string; format: Exclude<ImportFormat, 'movielens'> } {
  if (kind === 'ratings') return { text, format: 'tsv' };
  const rows = kind === 'items' ? parseItemsText(text) : parseUsersText(text);
  // NaN (a line that is not a MovieLens row) becomes null in JSON, which the row schema rejects by line.
  return { text: JSON.stringify(rows), format: 'json' };
}
