// Shared input of the per-series range reads: the series id and an optional [from, to) window.
import { z } from 'zod';
import { SERIES_ID_PATTERN } from '../service/point-validation.ts';

export const seriesParams = z.object({
  id: z.string().regex(SERIES_ID_PATTERN, 'series id: 1-128 letters, digits, . _ : -'),
});

const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const rangeQuery = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(1000),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'from must be before to', path: ['from'] });
