// Training jobs stored in PostgreSQL: start at once, read from any instance, stream, cancel between epochs.
/**
 * @example
 * const jobs = createJobRunner({ db, table: 'rec_jobs', ready: () => ensureSchema(db) });
 * const { job } = await jobs.start('train', options, async (ctx) => {
 *   for (let epoch = 1; epoch <= 10; epoch++) await ctx.report(epoch / 10, { epoch, trainRmse: 0.9 });
 *   return { version: 'v1' };
 * });
 * // 202 with job.id; GET /api/jobs/{id} reads jobs.get(id); POST .../cancel calls jobs.cancel(id).
 *
 * @module
 */
export type { JobState, JobView } from './job-types.ts';
export { FINISHED_STATES } from './job-types.ts';
export { createJobStore, type JobStore } from './job-store.ts';
export { jobTableMigration, jobTableSql } from './job-table.ts';
export {
  createJobRunner,
  JobCancelledError,
  type JobContext,
  type JobRunner,
  type JobRunnerOptions,
  type StartedJob,
} from './job-runner.ts';
export { createJobEventStream, type JobEventStreamOptions } from './job-event-stream.ts';
export { acceptedJob, createJobHandlers, jobRoutes, type JobHandlers } from './job-handlers.ts';
