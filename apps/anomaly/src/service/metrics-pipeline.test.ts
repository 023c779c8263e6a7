import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
import { createWebhookAddressPolicy } from './webhook-address-policy.ts';
import { createAnomaly, type Anomaly } from './anomaly.ts';
import { createSeriesModelSource, type SeriesModelSource } from './model-registry.ts';
import { seriesModelName } from './series-model-name.ts';

const config = PIPELINE_TEST_CONFIG;

describe.each(testEngines())('metrics pipeline on %s', (engine) => {
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let models: SeriesModelSource;
  let anomaly: Anomaly;
  let modelDir: string;
  let webhook: Awaited<ReturnType<typeof startWebhookServer>>;
  let hookUrl: string;
  const received: Array<Record<string, unknown>> = [];
  let failNext = 0;

  beforeAll(async () => {
    db = await createTestDb(engine);
    await ensureAnomalySchema(db);
    modelDir = mkdtempSync(join(tmpdir(), 'anomaly-models-'));
    models = createSeriesModelSource(createFsModelStore(modelDir));
    anomaly = createAnomaly({ db, models, config });
    webhook = await startWebhookServer((text, _req, res) => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(500).end();
        return;
      }
      received.push(JSON.parse(text) as Record<string, unknown>);
      res.writeHead(204).end();
    });
    hookUrl = webhook.url;
  });

  afterAll(async () => {
    await webhook.close();
    await db.dispose();
    rmSync(modelDir, { recursive: true, force: true });
  });

  it('answers warming-up for a cold series, then scores once it has enough points', async () => {
    const report = await anomaly.ingest(wave('cold', 0, 60));
    expect(report.stored).toBe(60);
    expect(report.results[0]).toMatchObject({ status: 'stored', verdict: 'warming-up', score: null });
    expect(report.results[59]).toMatchObject({ status: 'stored', verdict: 'normal' });
    expect(await models.get('cold')).toBeDefined();
  });

  it('stores a resent point once and echoes its first result', async () => {
    const batch = wave('idem', 0, 80);
    const first = await anomaly.ingest(batch);
    const again = await anomaly.ingest([...batch.slice(70), batch[75]]);
    expect(again.stored).toBe(0);
    expect(again.duplicates).toBe(11);
    expect(again.results[5]).toMatchObject({
      status: 'duplicate',
      score: (first.results[75] as { score: number }).score,
    });
    expect((await anomaly.scores('idem', { limit: 1000 })).length).toBe(80);
  });

  it('rejects bad points with reasons and keeps the good ones', async () => {
    const report = await anomaly.ingest([
      { series: 'mixed', timestamp: '2024-01-01T00:00:00Z', value: 1 },
      { series: 'mixed', timestamp: 'yesterday', value: 1 },
      { series: 'bad id!', timestamp: '2024-01-01T00:00:00Z', value: 1 },
      { series: 'mixed', timestamp: '2024-01-01T00:01:00Z', value: 'NaN' },
      42,
    ]);
    expect(report.stored).toBe(1);
    expect(report.rejected).toBe(4);
    expect(report.results[1]).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/timestamp/),
    });
    expect(report.results[2]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/series/) });
    expect(report.results[3]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/value/) });
  });

  it('flags two spikes close together, groups their anomalies into one incident and alerts once, retrying a failed delivery', async () => {
    await setWebhook(db, 'spiky', hookUrl);
    await anomaly.ingest(wave('spiky', 0, 300));
    received.length = 0;
    failNext = 1;
    const report = await anomaly.ingest(wave('spiky', 300, 320, [310, 312]));
    const spike = report.results.find((r) => r.index === 10);
    expect(spike).toMatchObject({ verdict: 'anomaly' });
    expect(report.anomalies).toBeGreaterThanOrEqual(2);
    // However many points the spike flagged, they form one incident and one alert, which failed once (500).
    expect(report.alerts).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    const incidents = await db.query<{ id: number; anomaly_count: number }>(
      `SELECT id, anomaly_count FROM anomaly_incidents WHERE series = 'spiky'`,
    );
    expect(incidents.rows).toHaveLength(1);
    expect(Number(incidents.rows[0]!.anomaly_count)).toBe(report.anomalies);
    // Backoff 0 s: the retry is due at once; a second sweep finds nothing left to send.
    const retry = await deliverPendingAlerts(db, {
      maxAttempts: 3,
      backoffSeconds: 0,
      timeoutMs: 30_000,
      poster: PIPELINE_POSTER,
    });
    expect(retry.delivered).toBe(1);
    expect(
      await deliverPendingAlerts(db, {
        maxAttempts: 3,
        backoffSeconds: 0,
        timeoutMs: 30_000,
        poster: PIPELINE_POSTER,
      }),
    ).toEqual({
      delivered: 0,
      retrying: 0,
      failed: 0,
    });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      type: 'incident.opened',
      incidentId: String(incidents.rows[0]!.id),
      series: 'spiky',
    });
    // Resending the spike creates no new anomaly, incident or alert.
    const resent = await anomaly.ingest(wave('spiky', 305, 315, [310, 312]));
    expect(resent.anomalies).toBe(0);
    expect(resent.alerts).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    const anomalies = await anomaly.anomalies('spiky', { limit: 100 });
    expect(anomalies.map((a) => a.timestamp)).toContain(wave('spiky', 310, 311)[0]!.timestamp);
    expect(received).toHaveLength(1);
  });

  it('opens a new incident after the quiet gap and alerts the close when the series asks for it', async () => {
    await setWebhook(db, 'twice', hookUrl, { incidentGapPoints: 15, alertOnClose: true });
    await anomaly.ingest(wave('twice', 0, 300));
    received.length = 0;
    // Two spikes 100 points apart, each followed by more than 15 calm points: two incidents, both closed.
    const report = await anomaly.ingest(wave('twice', 300, 440, [310, 410]));
    expect(report.anomalies).toBeGreaterThanOrEqual(2);
    const incidents = await db.query<{ status: string; anomaly_count: number }>(
      `SELECT status, anomaly_count FROM anomaly_incidents WHERE series = 'twice' ORDER BY id`,
    );
    expect(incidents.rows.map((r) => r.status)).toEqual(['closed', 'closed']);
    expect(report.alerts).toEqual({ delivered: 4, retrying: 0, failed: 0 });
    expect(received.map((r) => r['type'])).toEqual([
      'incident.opened',
      'incident.closed',
      'incident.opened',
      'incident.closed',
    ]);
    const closed = received[1]!;
    expect(closed['anomalies']).toBe(Number(incidents.rows[0]!.anomaly_count));
    expect(Date.parse(closed['closedAt'] as string)).toBeGreaterThan(
      Date.parse(closed['openedAt'] as string),
    );
  });

  it('does not deliver to a stored loopback webhook the policy refuses, nor follow a redirect', async () => {
    // Stored directly (as before the policy existed, or after its DNS answer changed): delivery checks again.
    await setWebhook(db, 'guarded', hookUrl);
    const strict = createAnomaly({
      db,
      models,
      config: { ...config, alertAddressPolicy: createWebhookAddressPolicy(undefined) },
    });
    await strict.ingest(wave('guarded', 0, 300));
    const before = received.length;
    const report = await strict.ingest(wave('guarded', 300, 320, 310));
    expect(report.anomalies).toBeGreaterThanOrEqual(1);
    expect(report.alerts.delivered).toBe(0);
    expect(received.length).toBe(before);
    const reasons = await db.query<{ last_error: string }>(
      `SELECT last_error FROM anomaly_alerts WHERE series = 'guarded'`,
    );
    expect(reasons.rows.map((r) => r.last_error).join()).toMatch(
      /refused: 127\.0\.0\.1 is a loopback address/,
    );

    const redirect = await startWebhookServer((_text, _req, res) =>
      res.writeHead(307, { location: hookUrl }).end(),
    );
    try {
      await setWebhook(db, 'moved', redirect.url);
      await anomaly.ingest(wave('moved', 0, 300));
      const moved = await anomaly.ingest(wave('moved', 300, 320, 310));
      expect(moved.anomalies).toBeGreaterThanOrEqual(1);
      expect(moved.alerts.delivered).toBe(0);
      expect(received.length).toBe(before);
      const rows = await db.query<{ last_error: string }>(
        `SELECT last_error FROM anomaly_alerts WHERE series = 'moved'`,
      );
      expect(rows.rows.map((r) => r.last_error)).toContain('HTTP 307 (redirects are not followed)');
    } finally {
      await redirect.close();
    }
  });

  it('gives up on a webhook after the last attempt', async () => {
    await setWebhook(db, 'down', 'http://127.0.0.1:9/unreachable');
    await anomaly.ingest(wave('down', 0, 300));
    const report = await createAnomaly({
      db,
      models,
      config: { ...config, alertMaxAttempts: 1 },
    }).ingest(wave('down', 300, 320, 310));
    expect(report.anomalies).toBeGreaterThanOrEqual(1);
    expect(report.alerts).toEqual({ delivered: 0, retrying: 0, failed: 1 });
    const rows = await db.query<{ status: string }>(
      `SELECT status FROM anomaly_alerts WHERE series = 'down' AND dedupe_key LIKE 'incident-%-opened'`,
    );
    expect(rows.rows.map((r: { status: string }) => r.status)).toContain('failed');
    expect(rows.rows.map((r: { status: string }) => r.status)).not.toContain('delivered');
  });

  it('refits a series on its window and publishes a new version', async () => {
    const before = await models.get('cold');
    const result = await anomaly.refit('cold');
    expect(result).toMatchObject({ status: 'published', rows: 60 });
    expect(result.version).not.toBe(before?.version);
    // An idle series refits to the same bytes: the publish is a no-op, no new version is stored.
    const stored = readdirSync(join(modelDir, seriesModelName('cold'), 'versions')).length;
    const again = await anomaly.refit('cold');
    expect(again.version).toBe(result.version);
    expect(readdirSync(join(modelDir, seriesModelName('cold'), 'versions'))).toHaveLength(stored);
    expect(await anomaly.refit('mixed')).toMatchObject({ status: 'warming-up' });
  });
});
