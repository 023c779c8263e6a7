import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureMigrations } from '@suite/shared/db';
import { createTestDb, testEngines } from '@suite/shared/testing';
import { seriesModelName } from '../service/series-model-name.ts';
import { findMigrationsDir } from './anomaly-schema.ts';

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

describe.each(testEngines())('migration 003 on %s', (engine) => {
  it('records the model of every series that has one under the name the app gives it', async () => {
    const db = await createTestDb(engine);
    const dir = mkdtempSync(join(tmpdir(), 'anomaly-migrations-'));
    try {
      for (const file of ['001_anomaly.sql', '002_alert_incidents.sql'])
        cpSync(join(findMigrationsDir(), file), join(dir, file));
      await ensureMigrations(db, { app: 'anomaly', dir });
      await db.query(`INSERT INTO anomaly_series (id, model_version) VALUES
        ('cpu.web-1', 'v1'), ('CPU Web/2', 'v2'), ('idle', NULL)`);
      cpSync(join(findMigrationsDir(), '003_models.sql'), join(dir, '003_models.sql'));
      await ensureMigrations(db, { app: 'anomaly', dir });
      const rows = await db.query<{ name: string; series: string }>(
        `SELECT name, series FROM anomaly_models WHERE kind = 'series' ORDER BY series`,
      );
      expect(rows.rows).toEqual([
        { name: seriesModelName('CPU Web/2'), series: 'CPU Web/2' },
        { name: 'series-cpu.web-1', series: 'cpu.web-1' },
      ]);
      expect(rows.rows[0]!.name).toMatch(/^series-h-[0-9a-f]{24}$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.dispose();
    }
  });
});
