import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureMigrations } from '@suite/shared/db';
import { createFsModelStore } from '@suite/shared/models';
import { createTestDb, testEngines } from '@suite/shared/testing';
import { deliverPendingAlerts } from './alert-delivery.ts';
import { ensureAnomalySchema, findMigrationsDir } from './anomaly-schema.ts';
import { closeStaleIncidents } from './incident-sweep.ts';
import { createSeriesModelSource, type SeriesModelSource } from './model-registry.ts';
import { PIPELINE_TEST_CONFIG, startWebhookServer, wave } from './pipeline-test-kit.ts';
import { processMetrics } from './process-metrics.ts';
import { setWebhook } from './series-queries.ts';

const config = PIPELINE_TEST_CONFIG;

describe.each(testEngines())('incident alerts on %s', (engine) => {
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let models: SeriesModelSource;
  let modelDir: string;
  let webhook: Awaited<ReturnType<typeof startWebhookServer>>;
  let hookUrl: string;
  const received: Array<Record<string, unknown>> = [];
  const keys: string[] = [];

  beforeAll(async () => {
    db = await createTestDb(engine);
    await ensureAnomalySchema(db);
    modelDir = mkdtempSync(join(tmpdir(), 'anomaly-incidents-'));
    models = createSeriesModelSource(createFsModelStore(modelDir));
    webhook = await startWebhookServer((text, req, res) => {
      received.push(JSON.parse(text) as Record<string, unknown>);
      keys.push(String(req.headers['idempotency-key']));
      res.writeHead(200).end();
    });
    hookUrl = webhook.url;
  });

  afterAll(async () => {
    await webhook.close();
    await db.dispose();
    rmSync(modelDir, { recursive: true, force: true });
  });

  const incidentsOf = async (series: string) =>
    (
      await db.query<{ id: number; status: string }>(
        'SELECT id, status FROM anomaly_incidents WHERE series = $1 ORDER BY id',
        [series],
      )
    ).rows;

  it('splits two spikes 20 minutes apart by the gap in minutes, and keeps them together by a 20-point gap', async () => {
    for (const [series, settings] of [
      ['by-points', {}],
      ['by-minutes', { incidentGapSeconds: 600, incidentGapPoints: 1000 }],
    ] as const) {
      await processMetrics(wave(series, 0, 300), { db, models, config });
      // Only the spikes' incidents count: whatever the warm-up flagged is set aside.
      await db.query('DELETE FROM anomaly_incidents WHERE series = $1', [series]);
      await setWebhook(db, series, hookUrl, settings);
      const report = await processMetrics(wave(series, 300, 335, [310, 330]), { db, models, config });
      expect(report.results[10]).toMatchObject({ verdict: 'anomaly' });
      expect(report.results[30]).toMatchObject({ verdict: 'anomaly' });
    }
    expect(await incidentsOf('by-points')).toHaveLength(1);
    expect((await incidentsOf('by-minutes')).map((r) => r.status)).toEqual(['closed', 'open']);
    const opened = received.filter((r) => r['type'] === 'incident.opened');
    expect(opened.filter((r) => r['series'] === 'by-points')).toHaveLength(1);
    expect(opened.filter((r) => r['series'] === 'by-minutes')).toHaveLength(2);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('closes the incident of a series gone quiet from the timer sweep, with one close alert', async () => {
    await setWebhook(db, 'by-points', hookUrl, { alertOnClose: true });
    await db.query(
      `UPDATE anomaly_incidents SET touched_at = now() - interval '2 hours' WHERE series = 'by-points'`,
    );
    const before = received.length;
    const queued = await closeStaleIncidents(db, config);
    expect(queued).toHaveLength(1);
    expect(await closeStaleIncidents(db, config)).toEqual([]);
    expect(
      await deliverPendingAlerts(db, { maxAttempts: 3, backoffSeconds: 0, timeoutMs: 2000 }),
    ).toMatchObject({
      delivered: 1,
    });
    expect(received.slice(before)).toEqual([
      expect.objectContaining({ type: 'incident.closed', series: 'by-points' }),
    ]);
    expect((await incidentsOf('by-points')).map((r) => r.status)).toEqual(['closed']);
    // 'by-minutes' was touched just now: its open incident stays open.
    expect((await incidentsOf('by-minutes')).map((r) => r.status)).toEqual(['closed', 'open']);
  });
});

describe.each(testEngines())('migration 002 on %s', (engine) => {
  it('moves pending per-anomaly deliveries into the alert queue under their old idempotency key', async () => {
    const db = await createTestDb(engine);
    const dir = mkdtempSync(join(tmpdir(), 'anomaly-migrations-'));
    try {
      cpSync(join(findMigrationsDir(), '001_anomaly.sql'), join(dir, '001_anomaly.sql'));
      await ensureMigrations(db, { app: 'anomaly', dir });
      await db.query(`INSERT INTO anomaly_series (id) VALUES ('old')`);
      await db.query(`INSERT INTO anomaly_anomalies (id, series, ts, value, score, z, threshold)
        VALUES (7, 'old', '2024-01-01T00:00:00Z', 50, 0.8, 6, 0.6), (8, 'old', '2024-01-01T00:01:00Z', 51, 0.8, 6, 0.6)`);
      await db.query(`INSERT INTO anomaly_alert_deliveries (anomaly_id, url, status, attempts)
        VALUES (7, 'http://127.0.0.1:9/x', 'pending', 2), (8, 'http://127.0.0.1:9/x', 'delivered', 1)`);
      cpSync(join(findMigrationsDir(), '002_alert_incidents.sql'), join(dir, '002_alert_incidents.sql'));
      expect((await ensureMigrations(db, { app: 'anomaly', dir })).applied).toEqual([
        '002_alert_incidents.sql',
      ]);
      const rows = await db.query<{ dedupe_key: string; attempts: number; payload: Record<string, unknown> }>(
        'SELECT dedupe_key, attempts, payload FROM anomaly_alerts',
      );
      expect(rows.rows).toHaveLength(1);
      expect(rows.rows[0]).toMatchObject({ dedupe_key: 'anomaly-7', attempts: 2 });
      expect(rows.rows[0]!.payload).toMatchObject({
        type: 'anomaly',
        anomalyId: '7',
        timestamp: '2024-01-01T00:00:00.000Z',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.dispose();
    }
  });
});
