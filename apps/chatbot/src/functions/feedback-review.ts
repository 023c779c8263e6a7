// POST /api/feedback/{id}/approve|reject (admin): an approved feedback joins the next training run's examples.
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { getChatbot } from '../service/index.ts';

const params = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  decision: z.enum(['approve', 'reject']),
});
// The body is optional: who reviewed defaults to "admin".
const body = z
  .object({ reviewer: z.string().trim().min(1, 'must not be empty').max(100).default('admin') })
  .default({ reviewer: 'admin' });

export const reviewFeedback = defineHandler(
  { params, body, admin: true, maxBodyBytes: 4 * 1024 },
  async ({ params, body }) =>
    json(
      await getChatbot().reviewFeedback(
        params.id,
        params.decision === 'approve' ? 'approved' : 'rejected',
        body.reviewer,
      ),
    ),
);

app.http('reviewFeedback', {
  methods: ['POST'],
  route: 'api/feedback/{id}/{decision}',
  authLevel: 'anonymous',
  handler: reviewFeedback,
});
