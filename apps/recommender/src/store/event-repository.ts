// The events table: insert once per event id (a redelivery inserts nothing), and read back a stored event.
import type { Queryable } from '@suite/shared/db';

export interface EventRow {
  eventId?: string | undefined;
  userId: number;
  itemId: number;
  kind: 'rating' | 'click';
  value?: number | undefined;
  occurredAt: Date;
  modelVersion?: string | null;
}

/** Store an event; returns false when its event id was seen before (a retried delivery). */
export async function insertEvent(db: Queryable, e: EventRow): Promise<boolean> {
  const res = await db.query(
    `INSERT INTO rec_events (event_id, user_id, item_id, kind, value, occurred_at, model_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id) DO NOTHING RETURNING id`,
    [
      e.eventId ?? null,
      e.userId,
      e.itemId,
      e.kind,
      e.value ?? null,
      e.occurredAt.toISOString(),
      e.modelVersion ?? null,
    ],
  );
  return res.rowCount > 0;
}

/** The stored event with this id, to tell a redelivery from a clash. */
export async function getEvent(
  db: Queryable,
  eventId: string,
): Promise<
  { userId: number; itemId: number; kind: string; value: number | null; occurredAt: Date } | undefined
> {
  const r = await db.query<{
    user_id: number;
    item_id: number;
    kind: string;
    value: number | null;
    occurred_at: Date | string;
  }>('SELECT user_id, item_id, kind, value, occurred_at FROM rec_events WHERE event_id = $1', [eventId]);
  const row = r.rows[0];
  return (
    row && {
      userId: row.user_id,
      itemId: row.item_id,
      kind: row.kind,
      value: row.value === null ? null : Number(row.value),
      occurredAt: new Date(row.occurred_at),
    }
  );
}
