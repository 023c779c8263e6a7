// A batch whose every point was rejected is a 400, as OTLP's "bad data" and Prometheus remote write answer it; a
// batch with at least one point taken stays a 200 that lists the rejected ones (OTLP's partial success).
import { SuiteError, type FieldIssue } from '@suite/shared/errors';
import type { RejectedPoint } from './point-validation.ts';
import type { MetricsReport, PointResult } from './process-metrics.ts';

/**
 * The 400 for a batch of which nothing was taken: `errors` names each point's field (`points.3.timestamp`) with its
 * reason, like every other 400 of the suite; `rejected` counts them. The detail quotes the first reasons, so a
 * client that logs only the detail still learns why (epoch seconds, say).
 */
export class BatchRejectedError extends SuiteError {
  constructor(rejected: readonly RejectedPoint[]) {
    const errors: FieldIssue[] = rejected.map((r) => ({
      path: r.field === 'point' ? `points.${r.index}` : `points.${r.index}.${r.field}`,
      message: r.reason,
    }));
    const reasons = new Set(rejected.map((r) => r.reason));
    const first = errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`);
    const more = errors.length > 3 ? `; and ${errors.length - 3} more` : '';
    const detail =
      reasons.size === 1 && errors.length > 1
        ? `every point was rejected (${errors.length}), nothing was stored: ${[...reasons][0]}`
        : `every point was rejected (${errors.length}), nothing was stored: ${first.join('; ')}${more}`;
    super(detail, {
      code: 'points_rejected',
      status: 400,
      details: { rejected: rejected.length, errors },
    });
  }
}

/**
 * The {@link BatchRejectedError} for a report that rejected every point of its batch, else undefined. Duplicates and
 * conflicts count as taken: the point is stored, a resend is not a bad request.
 */
export function tryBatchRejection(report: MetricsReport): BatchRejectedError | undefined {
  const rejected = report.results.filter(
    (r): r is Extract<PointResult, { status: 'rejected' }> => r.status === 'rejected',
  );
  return rejected.length > 0 && rejected.length === report.results.length
    ? new BatchRejectedError(rejected)
    : undefined;
}

/**
 * Throws {@link tryBatchRejection}'s error (POST /api/metrics answers it as a 400; the Event Hubs trigger has no one
 * to answer, and logs it as an error and counts it in `suite.batches.refused` instead).
 */
export function assertSomePointTaken(report: MetricsReport): void {
  const refused = tryBatchRejection(report);
  if (refused) throw refused;
}
