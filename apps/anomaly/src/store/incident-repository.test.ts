import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testEngines } from '@suite/shared/testing';
import { ensureAnomalySchema } from './anomaly-schema.ts';
import { listIncidents } from './incident-repository.ts';

describe.each(testEngines())('listIncidents on %s', (engine) => {
  let db: Awaited<ReturnType<typeof createTestDb>>;
  const all = { limit: 100, status: 'all' as const };

  beforeAll(async () => {
    db = await createTestDb(engine);
    await ensureAnomalySchema(db);
    await db.query(`INSERT INTO anomaly_series (id) VALUES ('s1'), ('s2')`);
    // s1: closed 01:00-01:10, closed 03:00-03:05, open since 05:00 (last anomaly 05:02); s2 has one of its own.
    await db.query(
      `INSERT INTO anomaly_incidents (series, status, opened_at, last_anomaly_at, closed_at, anomaly_count, peak_score)
       VALUES ('s1', 'closed', '2024-01-01T01:00Z', '2024-01-01T01:10Z', '2024-01-01T01:40Z', 4, 0.8),
              ('s1', 'closed', '2024-01-01T03:00Z', '2024-01-01T03:05Z', '2024-01-01T03:35Z', 2, 0.7),
              ('s1', 'open',   '2024-01-01T05:00Z', '2024-01-01T05:02Z', NULL, 3, 0.9),
              ('s2', 'open',   '2024-01-01T02:00Z', '2024-01-01T02:00Z', NULL, 1, 0.6)`,
    );
  });
  afterAll(() => db.dispose());

  it('lists a series own incidents oldest first with their fields', async () => {
    const list = await listIncidents(db, 's1', all);
    expect(list.map((i) => i.openedAt)).toEqual([
      '2024-01-01T01:00:00.000Z',
      '2024-01-01T03:00:00.000Z',
      '2024-01-01T05:00:00.000Z',
    ]);
    expect(list[0]).toMatchObject({
      status: 'closed',
      lastAnomalyAt: '2024-01-01T01:10:00.000Z',
      closedAt: '2024-01-01T01:40:00.000Z',
      anomalies: 4,
      peakScore: 0.8,
    });
    expect(list[2]).toMatchObject({ status: 'open', closedAt: null });
  });

  it('filters by status', async () => {
    expect((await listIncidents(db, 's1', { ...all, status: 'open' })).map((i) => i.status)).toEqual([
      'open',
    ]);
    expect(await listIncidents(db, 's1', { ...all, status: 'closed' })).toHaveLength(2);
  });

  it('keeps incidents whose span meets [from, to), including one that started before from', async () => {
    const from = new Date('2024-01-01T01:05Z');
    const to = new Date('2024-01-01T03:00Z');
    const list = await listIncidents(db, 's1', { ...all, from, to });
    // The 01:00 incident overlaps from; the one opening exactly at `to` is outside the half-open window.
    expect(list.map((i) => i.openedAt)).toEqual(['2024-01-01T01:00:00.000Z']);
  });

  it('answers NotFound for a series never seen', async () => {
    await expect(listIncidents(db, 'nope', all)).rejects.toMatchObject({ status: 404 });
  });
});
