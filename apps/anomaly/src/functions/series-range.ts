// Shared input of the per-series range reads: the series id and an optional [from, to) window.
import { z } from 'zod';
import { SERIES_ID_PATTERN, seriesIdProblem } from '../service/point-validation.ts';

export const seriesParams = z.object({
  // The pattern stays in the OpenAPI document; the message names the character refused.
  id: z.string().regex(SERIES_ID_PATTERN, { error: (issue) => `series id ${seriesIdProblem(issue.input)}` }),
});

// Valid ISO text can still name an instant the database cannot hold (year 0000, or year 10000 once in UTC).
const MIN_INSTANT = Date.UTC(1970, 0, 1);
const MAX_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');
const instant = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s))
  .refine((d) => d.getTime() >= MIN_INSTANT && d.getTime() <= MAX_INSTANT, {
    message: 'must be between 1970-01-01 and 9999-12-31 (UTC)',
  });

/** from, to and limit: spread into a reader's own query object, then wrapped in `fromBeforeTo`. */
export const rangeShape = {
  from: instant.optional(),
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
};

type Window = { from?: Date | undefined; to?: Date | undefined };

/** An empty or inverted window is a 400 naming `from`, not an empty answer. */
export function fromBeforeTo<S extends z.ZodType<Window>>(schema: S) {
  return schema.refine((q) => !q.from || !q.to || q.from < q.to, {
    message: 'from must be before to',
    path: ['from'],
  });
}

export const rangeQuery = fromBeforeTo(z.object(rangeShape));
