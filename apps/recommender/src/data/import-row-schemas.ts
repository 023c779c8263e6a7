// Row schemas of the import endpoints: ids, ratings and times read as decimals only, and no rating time in
// the future (it would outrank every later rating of the pair).
import { z } from 'zod';

/**
 * A number, or a string holding a decimal one (CSV cells, or JSON written by hand). Unlike z.coerce this keeps JSON
 * true, [2] or null from turning into user 1, item 2 or time 0.
 */
const DECIMAL = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i;
/** Decimal strings only: Number() would also read 0x10, 0b1 and Infinity. */
const num = () => z.preprocess((v) => (typeof v === 'string' && DECIMAL.test(v) ? Number(v) : v), z.number());
const id = num().pipe(
  z
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
);

/** Clock skew tolerated on client times. A future time would outrank every later rating of the pair. */
export const MAX_CLOCK_SKEW_SECONDS = 3600;
const notFuture = (t: number): boolean => t <= Date.now() / 1000 + MAX_CLOCK_SKEW_SECONDS;
const FUTURE = `is in the future (more than ${MAX_CLOCK_SKEW_SECONDS} s ahead of the server clock)`;
/**
 * The earliest rating or event time accepted, the Unix epoch: times are Unix seconds, and one before 0 (1900 in
 * an ISO date, a negative number) is a missing, mistyped or mis-scaled time, not a rating anyone gave then.
 */
export const EARLIEST_TIME_ISO = '1970-01-01T00:00:00Z';
const BEFORE_EARLIEST = `is before ${EARLIEST_TIME_ISO} (the Unix epoch, the earliest time accepted)`;

/**
 * Times at or above this many seconds (the year 5138) are almost surely epoch milliseconds, what JavaScript's
 * Date.now() and many exports write; said as such rather than as "in the future", which hid the unit.
 */
const EPOCH_MS_FROM = 1e11;
const IN_MILLISECONDS =
  'is after the year 5000 (1e11 s or more), so it looks like epoch milliseconds: times are Unix seconds, divide by 1000';

/** Unix seconds, or an ISO date; absent means "now" at import. */
const time = z
  .union([
    num().pipe(z.number().int()),
    z.iso.datetime({ offset: true }).transform((s) => Math.floor(Date.parse(s) / 1000)),
  ])
  // abort: the future check would add a second, misleading reason.
  .refine((t) => t < EPOCH_MS_FROM, { message: IN_MILLISECONDS, abort: true })
  .refine((t) => t >= 0, BEFORE_EARLIEST)
  .refine(notFuture, FUTURE);

export const ratingRowSchema = z.object({
  user: id,
  item: id,
  rating: num().pipe(z.number().min(1).max(5)),
  time: time.optional(),
});
export type RatingRow = z.infer<typeof ratingRowSchema>;

export const itemRowSchema = z.object({
  id,
  title: z
    .string()
    .trim()
    .max(500)
    .nullish()
    .transform((t) => t || null),
  genres: z
    .union([
      z.array(z.string().trim().min(1).max(60)).max(50),
      z
        .string()
        .max(2000)
        .transform((s) =>
          s
            .split('|')
            .map((g) => g.trim())
            .filter(Boolean),
        ),
    ])
    .default([]),
});
export type ItemRow = z.infer<typeof itemRowSchema>;

export const userRowSchema = z.object({
  id,
  age: z
    .union([z.literal('').transform(() => null), num().pipe(z.number().int().min(0).max(130))])
    .nullish()
    .transform((a) => a ?? null),
  gender: z
    .union([z.literal('').transform(() => null), z.enum(['M', 'F'])])
    .nullish()
    .transform((g) => g ?? null),
  occupation: z
    .string()
    .trim()
    .max(60)
    .nullish()
    .transform((o) => o || null),
});
export type UserRow = z.infer<typeof userRowSchema>;
