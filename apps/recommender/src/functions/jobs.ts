// Training jobs, all admin: GET /api/jobs, GET /api/jobs/{id}, GET /api/jobs/{id}/events (SSE),
// POST /api/jobs/{id}/cancel.
import { app } from '@azure/functions';
import { registerRoutes } from '@suite/shared/http';
import { createJobHandlers, jobRoutes } from '@suite/shared/jobs';
import { getRecommender } from '../service/recommender.ts';

export const jobHandlers = createJobHandlers(() => getRecommender().jobs);
export const { getJob, jobEvents, cancelJob, listJobs } = jobHandlers;

registerRoutes(app, jobRoutes(jobHandlers));
