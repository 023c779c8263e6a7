// Reads incidents of one series: those whose span [openedAt, lastAnomalyAt] meets a [from, to) window.
import type { Db } from '@suite/shared/db';
import { assertSeries, type Range } from './series-queries.ts';

export type IncidentStatus = 'open' | 'closed' | 'all';

export interface IncidentSummary {
  id: string;
  status: 'open' | 'closed';
  openedAt: string;
  lastAnomalyAt: string;
  closedAt: string | null;
  anomalies: number;
  peakScore: number;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** Oldest first. The window is on point time (opened_at, last_anomaly_at), never on the wall-clock closed_at. */
export async function listIncidents(
  db: Db,
  id: string,
  range: Range & { status: IncidentStatus },
): Promise<IncidentSummary[]> {
  await assertSeries(db, id);
  const rows = await db.query<{
    id: number;
    status: 'open' | 'closed';
    opened_at: Date;
    last_anomaly_at: Date;
    closed_at: Date | null;
    anomaly_count: number;
    peak_score: number;
  }>(
    `SELECT id, status, opened_at, last_anomaly_at, closed_at, anomaly_count, peak_score FROM anomaly_incidents
     WHERE series = $1 AND ($2::timestamptz IS NULL OR last_anomaly_at >= $2)
       AND ($3::timestamptz IS NULL OR opened_at < $3) AND ($4::text = 'all' OR status = $4)
     ORDER BY opened_at, id LIMIT $5`,
    [id, range.from ?? null, range.to ?? null, range.status, range.limit],
  );
  return rows.rows.map((r) => ({
    id: String(r.id),
    status: r.status,
    openedAt: iso(r.opened_at),
    lastAnomalyAt: iso(r.last_anomaly_at),
    closedAt: r.closed_at === null ? null : iso(r.closed_at),
    anomalies: Number(r.anomaly_count),
    peakScore: Number(r.peak_score),
  }));
}
