// Import use case: parse and clean rows, collapse duplicates, upsert in one transaction, report per row.
import { ValidationError } from '@suite/shared/errors';
import { itemRowSchema, ratingRowSchema, userRowSchema } from '../data/import-row-schemas.ts';
import { fromMovielens } from '../data/movielens-import.ts';
import { collapseDuplicates, parseImport, type ImportFormat, type RejectedRow } from '../data/import-rows.ts';
import { upsertItems, upsertRatings, upsertUsers } from '../store/import-repository.ts';
import type { UpsertCounts } from '../store/upsert-chunks.ts';
import type { ServiceContext } from './service-context.ts';

export type ImportKind = 'ratings' | 'items' | 'users';

export interface ImportReport extends UpsertCounts {
  kind: ImportKind;
  received: number;
  accepted: number;
  duplicatesCollapsed: number;
  rejected: RejectedRow[];
}

const MAX_REJECTS_REPORTED = 500;

export async function importRows(
  ctx: ServiceContext,
  kind: ImportKind,
  text: string,
  format: ImportFormat,
): Promise<ImportReport> {
  if (text.trim() === '')
    throw new ValidationError('the body is empty', [{ path: 'body', message: 'no rows' }]);
  if (format === 'movielens') ({ text, format } = fromMovielens(kind, text));
  let counts: UpsertCounts;
  let accepted: number;
  let collapsed = 0;
  let rejected: RejectedRow[];
  if (kind === 'ratings') {
    const parsed = parseImport(
      text,
      format,
      ratingRowSchema,
      ['user', 'item', 'rating', 'time'],
      ['user', 'item', 'rating'],
    );
    const unique = collapseDuplicates(parsed.rows);
    collapsed = unique.collapsed;
    accepted = parsed.rows.length;
    rejected = parsed.rejected;
    counts = await ctx.db.transaction((tx) => upsertRatings(tx, unique.rows));
  } else if (kind === 'items') {
    const parsed = parseImport(text, format, itemRowSchema, ['id', 'title', 'genres'], ['id']);
    const unique = [...new Map(parsed.rows.map((r) => [r.id, r])).values()];
    collapsed = parsed.rows.length - unique.length;
    accepted = parsed.rows.length;
    rejected = parsed.rejected;
    counts = await ctx.db.transaction((tx) => upsertItems(tx, unique));
  } else {
    const parsed = parseImport(text, format, userRowSchema, ['id', 'age', 'gender', 'occupation'], ['id']);
    const unique = [...new Map(parsed.rows.map((r) => [r.id, r])).values()];
    collapsed = parsed.rows.length - unique.length;
    accepted = parsed.rows.length;
    rejected = parsed.rejected;
    counts = await ctx.db.transaction((tx) => upsertUsers(tx, unique));
  }
  return {
    kind,
    received: accepted + rejected.length,
    accepted,
    duplicatesCollapsed: collapsed,
    ...counts,
    rejected: rejected.slice(0, MAX_REJECTS_REPORTED),
  };
}
