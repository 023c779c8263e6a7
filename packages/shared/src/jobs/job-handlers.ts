// The HTTP side of training jobs, the same in every app: read a job, follow it as server-sent events, cancel it.
// The answer to starting one is `acceptedJob` (202 with a Location), so clients learn one shape.
import type { HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, type HttpHandler } from '../http/define-handler.ts';
import { json } from '../http/problem.ts';
import type { SharedRoute } from '../http/shared-routes.ts';
import type { JobRunner } from './job-runner.ts';
import type { JobView } from './job-types.ts';

const params = z.object({ id: z.uuid({ error: 'a job id (UUID)' }) });

/** 202 Accepted with the queued job and where to follow it. */
export function acceptedJob(job: JobView): HttpResponseInit {
  return json({ jobId: job.id, ...job, links: jobLinks(job.id) }, 202, {
    location: `/api/jobs/${job.id}`,
  });
}

function jobLinks(id: string) {
  return { self: `/api/jobs/${id}`, events: `/api/jobs/${id}/events`, cancel: `/api/jobs/${id}/cancel` };
}

export interface JobHandlers {
  /**
   * GET /api/jobs/{id} (admin): the job. Jobs are started by admins and their params, errors and results are the
   * admin's business, so the id alone (it travels in Location headers, logs and consoles) reads nothing.
   */
  getJob: HttpHandler;
  /** GET /api/jobs/{id}/events (admin): `event: job` on every change until the job ends (read it with fetch). */
  jobEvents: HttpHandler;
  /** POST /api/jobs/{id}/cancel (admin): 202 with the job flagged; it ends `cancelled` after its epoch. */
  cancelJob: HttpHandler;
  /** GET /api/jobs (admin): the newest jobs. */
  listJobs: HttpHandler;
}

/** The handlers of one app's jobs, given its runner (read lazily, so tests can replace the service). */
export function createJobHandlers(jobs: () => JobRunner): JobHandlers {
  return {
    getJob: defineHandler({ params, admin: true }, async ({ params }) => {
      const job = await jobs().get(params.id);
      return json({ jobId: job.id, ...job, links: jobLinks(job.id) }, 200, { 'cache-control': 'no-store' });
    }),
    jobEvents: defineHandler({ params, admin: true }, async ({ params }) => ({
      status: 200,
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
      },
      body: await jobs().events(params.id),
    })),
    cancelJob: defineHandler({ params, admin: true }, async ({ params }) => {
      const job = await jobs().cancel(params.id);
      return json({ jobId: job.id, ...job, links: jobLinks(job.id) }, 202);
    }),
    listJobs: defineHandler(
      { admin: true, query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }) },
      async ({ query }) =>
        json({ jobs: await jobs().list(query.limit) }, 200, { 'cache-control': 'no-store' }),
    ),
  };
}

/**
 * The job routes of `handlers` (GET /api/jobs, /api/jobs/{id}, /api/jobs/{id}/events, POST /api/jobs/{id}/cancel):
 * functions listJobs, getJob, jobEvents and cancelJob.
 * @example registerRoutes(app, jobRoutes(createJobHandlers(() => getService().jobs)));
 */
export function jobRoutes(handlers: JobHandlers): SharedRoute[] {
  return [
    {
      name: 'listJobs',
      method: 'get',
      path: '/api/jobs',
      summary: 'Newest training jobs',
      handler: handlers.listJobs,
    },
    {
      name: 'getJob',
      method: 'get',
      path: '/api/jobs/{id}',
      summary: 'A training job',
      handler: handlers.getJob,
    },
    {
      name: 'jobEvents',
      method: 'get',
      path: '/api/jobs/{id}/events',
      summary: 'A training job as server-sent events',
      handler: handlers.jobEvents,
    },
    {
      name: 'cancelJob',
      method: 'post',
      path: '/api/jobs/{id}/cancel',
      summary: 'Cancel a training job',
      handler: handlers.cancelJob,
    },
  ];
}
