import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFsModelStore } from '@suite/shared/models';
import { createTestDb, testEngines } from '@suite/shared/testing';
import { ensureAnomalySchema } from '../store/anomaly-schema.ts';
import { setWebhook } from '../store/series-repository.ts';
import {
  PIPELINE_POSTER,
  PIPELINE_TEST_CONFIG,
  startWebhookServer,
  wave,
} from '../testing/pipeline-test-kit.ts';
import { deliverPendingAlerts } from './alert-delivery.ts';
import { createAnomaly, type Anomaly } from './anomaly.ts';
import { closeStaleIncidents } from './incident-sweep.ts';
import { createSeriesModelSource } from './model-registry.ts';

const config = PIPELINE_TEST_CONFIG;

describe.each(testEngines())('incident alerts on %s', (engine) => {
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let anomaly: Anomaly;
  let modelDir: string;
  let webhook: Awaited<ReturnType<typeof startWebhookServer>>;
  let hookUrl: string;
  const received: Array<Record<string, unknown>> = [];
  const keys: string[] = [];

  beforeAll(async () => {
    db = await createTestDb(engine);
    await ensureAnomalySchema(db);
    modelDir = mkdtempSync(join(tmpdir(), 'anomaly-incidents-'));
    anomaly = createAnomaly({ db, models: createSeriesModelSource(createFsModelStore(modelDir)), config });
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
      await anomaly.ingest(wave(series, 0, 300));
      // Only the spikes' incidents count: whatever the warm-up flagged is set aside.
      await db.query('DELETE FROM anomaly_incidents WHERE series = $1', [series]);
      await setWebhook(db, series, hookUrl, settings);
      const report = await anomaly.ingest(wave(series, 300, 335, [310, 330]));
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
      await deliverPendingAlerts(db, {
        maxAttempts: 3,
        backoffSeconds: 0,
        timeoutMs: 30_000,
        poster: PIPELINE_POSTER,
      }),
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

  it('reports each incident with the webhook deliveries of its alerts', async () => {
    const [incident] = await anomaly.incidents('by-points', { limit: 10, status: 'all' });
    expect(incident!.deliveries).toEqual([
      expect.objectContaining({ type: 'incident.opened', status: 'delivered', attempts: 1, lastError: null }),
      expect.objectContaining({ type: 'incident.closed', status: 'delivered', attempts: 1, lastError: null }),
    ]);
    expect(incident!.deliveries[0]!.deliveredAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The receiver's URL may carry a secret: it is not part of a delivery.
    expect(JSON.stringify(incident!.deliveries)).not.toContain(hookUrl);
  });
});
