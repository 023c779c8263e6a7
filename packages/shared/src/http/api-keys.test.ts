import { HttpRequest, InvocationContext } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetSharedConfig } from '../config/index.ts';
import { resetDb } from '../db/index.ts';
import { createTestDb, testEngines, type TestDb } from '../testing/test-db.ts';
import {
  createApiKey,
  createHealthHandler,
  defineHandler,
  getApiKeyUsage,
  json,
  listApiKeys,
  revokeApiKey,
} from './index.ts';

const ADMIN = 'admin-secret';
const hello = defineHandler({}, ({ caller }) => json({ caller: caller.kind }));
const ingest = defineHandler({ write: true }, ({ caller }) => json({ caller: caller.kind }));
const health = createHealthHandler({ app: 'test', version: '0', checkDb: false });

function call(
  handler: typeof hello,
  headers: Record<string, string> = {},
  init: Partial<ConstructorParameters<typeof HttpRequest>[0]> = {},
) {
  return handler(
    new HttpRequest({ method: 'GET', url: 'http://localhost/api/x', headers, ...init }),
    new InvocationContext(),
  );
}
const admin = { 'x-admin-key': ADMIN };

describe.each(testEngines())('API keys (API_KEYS=on) on %s', (engine) => {
  const saved = { ...process.env };
  let db: TestDb | undefined;
  beforeAll(async () => {
    if (engine === 'pg') {
      // The shared handle is built from DATABASE_URL: point it at a throwaway schema so parallel runs never meet.
      db = await createTestDb('pg');
      const url = new URL(process.env.DATABASE_URL as string);
      url.searchParams.set('options', `-c search_path=${db.schema}`);
      process.env.DATABASE_URL = url.href;
    } else delete process.env.DATABASE_URL;
    Object.assign(process.env, { API_KEYS: 'on', ADMIN_KEY: ADMIN });
    resetSharedConfig();
    await resetDb();
  });
  afterAll(async () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    resetSharedConfig();
    await resetDb();
    await db?.dispose();
  });

  const create = async (body: object) => {
    const res = await call(
      createApiKey,
      { ...admin, 'content-type': 'application/json' },
      { method: 'POST', body: { string: JSON.stringify(body) } },
    );
    expect(res.status).toBe(201);
    return res.jsonBody as { id: string; key: string };
  };

  it('answers 401 without a key or with an unknown one; health and admins pass', async () => {
    expect((await call(hello)).status).toBe(401);
    expect((await call(hello, { 'x-api-key': 'sk_000000000000_nope' })).status).toBe(401);
    expect((await call(health)).status).toBe(200);
    expect((await call(hello, admin)).jsonBody).toEqual({ caller: 'admin' });
  });

  it('admits a write (ingest) with a client key or the admin key, as any public endpoint', async () => {
    const { key } = await create({ client: 'producer' });
    expect((await call(ingest)).status).toBe(401);
    expect((await call(ingest, { 'x-api-key': key })).jsonBody).toEqual({ caller: 'client' });
    expect((await call(ingest, admin)).jsonBody).toEqual({ caller: 'admin' });
  });

  it('serves within the rate limit, then 429 with Retry-After, and meters served and refused requests', async () => {
    const { id, key } = await create({ client: 'acme', ratePerMinute: 3, quotaPerDay: 100 });
    for (let i = 0; i < 3; i++)
      expect((await call(hello, { 'x-api-key': key })).jsonBody).toEqual({ caller: 'client' });
    const refused = await call(hello, { 'x-api-key': key });
    expect(refused.status).toBe(429);
    const headers = refused.headers as Record<string, string>;
    expect(headers['content-type']).toBe('application/problem+json');
    expect(Number(headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.jsonBody).toMatchObject({ code: 'too_many_requests', limit: 'rate_per_minute' });
    const usage = await call(getApiKeyUsage, admin, { params: { id } });
    expect((usage.jsonBody as { days: Array<{ requests: number; refused: number }> }).days).toEqual([
      expect.objectContaining({ requests: 3, refused: 1 }),
    ]);
    const list = (await call(listApiKeys, admin)).jsonBody as { keys: Array<{ id: string; client: string }> };
    expect(list.keys).toContainEqual(expect.objectContaining({ id, client: 'acme' }));
    expect(JSON.stringify(list)).not.toContain(key); // the secret is never shown again
  });

  it('refuses past the daily quota until the next UTC day, and a revoked key at once', async () => {
    const { key } = await create({ client: 'small', ratePerMinute: 100, quotaPerDay: 2 });
    expect((await call(hello, { 'x-api-key': key })).status).toBe(200);
    expect((await call(hello, { 'x-api-key': key })).status).toBe(200);
    const over = await call(hello, { 'x-api-key': key });
    expect(over.status).toBe(429);
    expect(over.jsonBody).toMatchObject({ limit: 'quota_per_day' });
    const other = await create({ client: 'gone' });
    expect((await call(hello, { 'x-api-key': other.key })).status).toBe(200);
    expect((await call(revokeApiKey, admin, { method: 'DELETE', params: { id: other.id } })).status).toBe(
      200,
    );
    expect((await call(hello, { 'x-api-key': other.key })).status).toBe(401);
    expect(
      (await call(revokeApiKey, admin, { method: 'DELETE', params: { id: '0123456789ab' } })).status,
    ).toBe(404);
    expect(
      (
        await call(
          createApiKey,
          { 'content-type': 'application/json' },
          { method: 'POST', body: { string: '{"client":"x"}' } },
        )
      ).status,
    ).toBe(401);
  });
});

describe('writes with API keys off', () => {
  const saved = { ...process.env };
  afterAll(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    resetSharedConfig();
  });

  it('take the admin key (anonymous 401, wrong key 401), and are refused 403 while ADMIN_KEY is unset', async () => {
    Object.assign(process.env, { API_KEYS: 'off', ADMIN_KEY: ADMIN });
    resetSharedConfig();
    expect((await call(hello)).jsonBody).toEqual({ caller: 'open' });
    const anonymous = await call(ingest);
    expect(anonymous.status).toBe(401);
    expect(JSON.stringify(anonymous.jsonBody)).toContain('x-admin-key');
    expect((await call(ingest, { 'x-admin-key': 'guess' })).status).toBe(401);
    expect((await call(ingest, admin)).jsonBody).toEqual({ caller: 'admin' });
    delete process.env.ADMIN_KEY;
    resetSharedConfig();
    expect((await call(ingest)).status).toBe(403);
  });
});
