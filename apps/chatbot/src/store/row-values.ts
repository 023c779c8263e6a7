// Converts column values as both engines return them (Date or ISO text, null) into the rows' JSON shapes.

/** A timestamp column as ISO-8601 text (node-postgres and PGlite return a Date, other paths text). */
export const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

export const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));

export const textOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
