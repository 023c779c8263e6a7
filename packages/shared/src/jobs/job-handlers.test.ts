// The job endpoints are the admin's: a job id alone (it travels in Location headers, logs and consoles) reads nothing.
import { HttpRequest, InvocationContext } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetSharedConfig } from '../config/index.ts';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { createJobHandlers } from './job-handlers.ts';
import { createJobRunner, type JobRunner } from './job-runner.ts';
import { jobTableSql } from './job-table.ts';

const ADMIN_KEY = 'jobs-admin-secret';

function get(handler: ReturnType<typeof createJobHandlers>['getJob'], id: string, key?: string) {
  return handler(
    new HttpRequest({
      method: 'GET',
      url: `http://localhost/api/jobs/${id}`,
      params: { id },
      headers: key === undefined ? {} : { 'x-admin-key': key },
    }),
    new InvocationContext(),
  );
}

describe('job endpoints', () => {
  const saved = process.env.ADMIN_KEY;
  let db: TestDb;
  let jobs: JobRunner;
  let jobId: string;
  beforeAll(async () => {
    process.env.ADMIN_KEY = ADMIN_KEY;
    resetSharedConfig();
    db = await createTestDb('pglite');
    await db.query(jobTableSql('handler_jobs'));
    jobs = createJobRunner({ db, table: 'handler_jobs', ready: async () => {} });
    const started = await jobs.start('train', { seed: 7 }, async () => ({ version: 'v-secret' }));
    await started.done;
    jobId = started.job.id;
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.ADMIN_KEY;
    else process.env.ADMIN_KEY = saved;
    resetSharedConfig();
    await db?.dispose();
  });

  it('reads a job and its event stream only with the admin key (anonymous 401, wrong key 401)', async () => {
    const { getJob, jobEvents } = createJobHandlers(() => jobs);
    for (const handler of [getJob, jobEvents]) {
      const anonymous = await get(handler, jobId);
      expect(anonymous.status).toBe(401);
      expect(JSON.stringify(anonymous.jsonBody)).not.toContain('v-secret');
      expect((await get(handler, jobId, 'guess')).status).toBe(401);
    }
    const admin = await get(getJob, jobId, ADMIN_KEY);
    expect(admin.status).toBe(200);
    expect(admin.jsonBody).toMatchObject({ jobId, state: 'succeeded', result: { version: 'v-secret' } });
    const stream = await get(jobEvents, jobId, ADMIN_KEY);
    expect(stream.status).toBe(200);
    expect(await new Response(stream.body as ReadableStream).text()).toContain('v-secret');
  });
});
