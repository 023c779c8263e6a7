// The api.http examples (the README points to them) run as written against the real app, with demo data as
// `npm run dev` has it, on each database engine: every example answers as it says.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHttpExamples, startConsoleApp, type ConsoleApp } from '@suite/console/testing';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_KEY = 'api-http-test-admin-key';
let app: ConsoleApp;

beforeAll(async () => {
  app = await startConsoleApp({ appDir: APP_DIR, skipBuild: true, env: { ADMIN_KEY, SEED_DEMO: '1' } });
  // Health answers 503 "starting" while the database boots (a connection may also be reset then): wait for 200.
  const healthy = () =>
    fetch(`${app.url}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    );
  for (let i = 0; i < 600 && !(await healthy()); i++) await new Promise((done) => setTimeout(done, 100));
  // The examples start a training job; none may be running (one at a time).
  const busy = async () => {
    const r = await fetch(`${app.url}/api/jobs?limit=5`, { headers: { 'x-admin-key': ADMIN_KEY } });
    const { jobs } = (await r.json()) as { jobs: Array<{ state: string }> };
    return jobs.some((j) => j.state === 'queued' || j.state === 'running');
  };
  for (let i = 0; i < 600 && (await busy()); i++) await new Promise((done) => setTimeout(done, 100));
});
afterAll(() => app?.stop());

describe(`chatbot api.http (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('runs every example as written, each answering as it says', async () => {
    const results = await runHttpExamples(join(APP_DIR, 'api.http'), app.url, { adminKey: ADMIN_KEY });
    const file = readFileSync(join(APP_DIR, 'api.http'), 'utf8');
    expect(results).toHaveLength(file.match(/^###/gm)!.length);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const conversation = results.find((r) => r.title.startsWith('The conversation, agent reply included'));
    expect(conversation?.body).toContain('"source":"agent"');
  }, 180_000);
});
