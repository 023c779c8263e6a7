import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '../errors/index.ts';
import { createTestDb, testEngines, type TestDb } from '../testing/test-db.ts';
import { createJobEventStream } from './job-event-stream.ts';
import { createJobRunner, JobCancelledError, type JobRunner } from './job-runner.ts';
import { jobTableSql } from './job-table.ts';

/** A latch the work waits on, so tests order steps without sleeping. */
function latch() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe.each(testEngines())('job runner on %s', (engine) => {
  let db: TestDb;
  let jobs: JobRunner;
  beforeAll(async () => {
    db = await createTestDb(engine);
    await db.query(jobTableSql('test_jobs'));
    jobs = createJobRunner({ db, table: 'test_jobs', ready: async () => {} });
  });
  afterAll(() => db?.dispose());

  it('stores a queued job at once, then its epochs, progress and result', async () => {
    const gate = latch();
    const { job, done } = await jobs.start('train', { epochs: 2 }, async (ctx) => {
      await gate.opened;
      await ctx.report(0.5, { epoch: 1, trainRmse: 1.2 });
      await ctx.report(1, { epoch: 2, trainRmse: 1.1 });
      return { version: 'v1' };
    });
    expect(job).toMatchObject({ state: 'queued', progress: 0, history: [], params: { epochs: 2 } });
    gate.open();
    await expect(done).resolves.toEqual({ version: 'v1' });
    const read = await jobs.get(job.id);
    expect(read).toMatchObject({ state: 'succeeded', progress: 1, result: { version: 'v1' }, error: null });
    expect(read.history).toEqual([
      { epoch: 1, trainRmse: 1.2 },
      { epoch: 2, trainRmse: 1.1 },
    ]);
    expect(read.finishedAt).not.toBeNull();
  });

  it('admits one active job: a second start is a retryable 409 naming the active one', async () => {
    const gate = latch();
    const first = await jobs.start('train', {}, async () => gate.opened);
    const second = jobs.start('train', {}, async () => undefined);
    await expect(second).rejects.toBeInstanceOf(ConflictError);
    await expect(second).rejects.toMatchObject({ details: { retryable: true, activeJob: first.job.id } });
    gate.open();
    await first.done;
    const third = await jobs.start('train', {}, async () => 'ok');
    await expect(third.done).resolves.toBe('ok');
  });

  it('records a failure as a problem body, and a cancel between epochs as cancelled', async () => {
    const failed = await jobs.start('train', {}, async () => {
      throw new ValidationError('training diverged', [{ path: 'learningRate', message: 'too large' }]);
    });
    await expect(failed.done).rejects.toBeInstanceOf(ValidationError);
    expect(await jobs.get(failed.job.id)).toMatchObject({
      state: 'failed',
      error: { status: 400, detail: 'training diverged', errors: [{ path: 'learningRate' }] },
    });

    const epochOne = latch();
    const cancelled = latch();
    const run = await jobs.start('train', {}, async (ctx) => {
      await ctx.report(0.1, { epoch: 1 });
      epochOne.open();
      await cancelled.opened;
      await ctx.report(0.2, { epoch: 2 });
      return 'never';
    });
    await epochOne.opened;
    expect((await jobs.cancel(run.job.id)).cancelRequested).toBe(true);
    cancelled.open();
    await expect(run.done).rejects.toBeInstanceOf(JobCancelledError);
    const read = await jobs.get(run.job.id);
    expect(read).toMatchObject({ state: 'cancelled', history: [{ epoch: 1 }], error: { code: 'cancelled' } });
    await expect(jobs.cancel(run.job.id)).rejects.toBeInstanceOf(ConflictError);
    await expect(jobs.get('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('sees a cancel flagged by another instance at the next report', async () => {
    const other = createJobRunner({ db, table: 'test_jobs', ready: async () => {} });
    const flagged = latch();
    const run = await jobs.start('train', {}, async (ctx) => {
      await flagged.opened;
      await ctx.report(0.5, { epoch: 1 });
      return 'never';
    });
    await other.cancel(run.job.id);
    flagged.open();
    await expect(run.done).rejects.toBeInstanceOf(JobCancelledError);
    expect((await other.get(run.job.id)).state).toBe('cancelled');
  });

  it('takes a job silent past staleAfterMs for abandoned when the next one starts', async () => {
    const stale = createJobRunner({ db, table: 'test_jobs', ready: async () => {}, staleAfterMs: 60_000 });
    const running = latch();
    const { job } = await jobs.start('train', {}, () => {
      running.open();
      return new Promise(() => {}); // its instance "died": it never reports again
    });
    await running.opened;
    // Silent for an hour, as a job whose instance went away.
    await db.query(`UPDATE test_jobs SET updated_at = now() - interval '1 hour' WHERE id = $1`, [job.id]);
    const next = await stale.start('train', {}, async () => 'ok');
    await next.done;
    expect(await stale.get(job.id)).toMatchObject({ state: 'failed', error: { code: 'abandoned' } });
  });

  it('streams the job as server-sent events until it ends', async () => {
    const step = latch();
    const { job, done } = await jobs.start('train', {}, async (ctx) => {
      await step.opened;
      await ctx.report(1, { epoch: 1 });
      return 'ok';
    });
    const stream = createJobEventStream({ read: () => jobs.get(job.id), first: job, pollMs: 5 });
    step.open();
    await done;
    const text = await new Response(stream).text();
    const events = text
      .split('\n\n')
      .filter(Boolean)
      .map((f) => JSON.parse(f.split('\ndata: ')[1] as string));
    expect(events[0].state).toBe('queued');
    expect(events.at(-1)).toMatchObject({ state: 'succeeded', history: [{ epoch: 1 }] });
  });
});
