import { HttpRequest, InvocationContext } from '@azure/functions';
import { afterEach, describe, expect, it } from 'vitest';
import { resetSharedConfig } from '../config/index.ts';
import { resetDb } from '../db/index.ts';
import { createModelCache } from '../models/index.ts';
import { createHealthHandler, markColdStart, type HealthReport } from './index.ts';

const request = () => new HttpRequest({ method: 'GET', url: 'http://localhost:7071/api/health' });
const saved = process.env.DATABASE_URL;

afterEach(async () => {
  if (saved === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = saved;
  resetSharedConfig();
  await resetDb();
});

describe('createHealthHandler', () => {
  it('reports app, version, a reachable database, models, uptime and cold start with 200', async () => {
    markColdStart();
    const cache = createModelCache({ label: 'health-test', decode: () => 'unused' });
    cache.set('intents', {
      name: 'intents',
      version: '20261126T193000123Z-abcdef',
      model: 'in memory',
      loadMs: 12.5,
      loadedAt: new Date('2026-11-26T19:30:00.000Z'),
    });
    const health = createHealthHandler({ app: 'chatbot', version: '1.2.3' });
    let res = await health(request(), new InvocationContext());
    // An embedded database still booting answers `starting` at once; bounded, as the boot is.
    for (let i = 0; i < 200 && (res.jsonBody as HealthReport).status === 'starting'; i++) {
      expect(res.status).toBe(503);
      expect((res.headers as Record<string, string>)['retry-after']).toBe('1');
      res = await health(request(), new InvocationContext());
    }
    expect(res.status).toBe(200);
    const report = res.jsonBody as HealthReport;
    expect(report).toMatchObject({ app: 'chatbot', version: '1.2.3', status: 'ok', node: process.version });
    expect(report.database).toMatchObject({ engine: saved ? 'pg' : 'pglite', reachable: true });
    expect(report.database?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(report.models).toContainEqual({
      cache: 'health-test',
      name: 'intents',
      version: '20261126T193000123Z-abcdef',
      loadMs: 12.5,
      loadedAt: '2026-11-26T19:30:00.000Z',
    });
    expect(report.uptimeSeconds).toBeGreaterThan(0);
    expect(report.coldStartMs).toBeGreaterThan(0);
    expect((res.headers as Record<string, string>)['content-type']).toMatch(/^application\/json/);
  });

  it('answers 503 with the full JSON report when the database is unreachable', async () => {
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/nothing';
    resetSharedConfig();
    await resetDb();
    const res = await createHealthHandler({ app: 'anomaly', version: '0.1.0', dbTimeoutMs: 3000 })(
      request(),
      new InvocationContext(),
    );
    expect(res.status).toBe(503);
    const report = res.jsonBody as HealthReport;
    expect((res.headers as Record<string, string>)['content-type']).toMatch(/^application\/json/);
    expect(report).toMatchObject({
      app: 'anomaly',
      status: 'degraded',
      database: { engine: 'pg', reachable: false },
    });
  });

  it('skips the database when told to', async () => {
    const res = await createHealthHandler({ app: 'recommender', version: '0.1.0', checkDb: false })(
      request(),
      new InvocationContext(),
    );
    expect(res.status).toBe(200);
    expect((res.jsonBody as HealthReport).database).toBeNull();
  });
});
