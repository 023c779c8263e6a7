// The straggler policy, run by a timer: a unit whose lease ran out (its worker is lost, crashed past the
// queue's retries, or is just slow) is sent again, up to `maxAttempts` sends in all; then it is dropped from
// its step so the run goes on without it. A step stuck in its reduce past a lease gets its reduce sent again.
import { takeStuckReduces } from '../store/training-run-repository.ts';
import { listExpiredTasks, renewTask, skipTask } from '../store/training-task-repository.ts';
import { leaseEnd, type RunContext } from './run-context.ts';
import { tryStartReduce } from './training-runs.ts';

export interface SweepReport {
  resent: number;
  dropped: number;
  reducesResent: number;
}

/** One sweep over every running run (idempotent; safe on several instances at once). */
export async function sweepTrainingRuns(ctx: RunContext): Promise<SweepReport> {
  const report: SweepReport = { resent: 0, dropped: 0, reducesResent: 0 };
  const now = ctx.now();
  for (const t of await listExpiredTasks(ctx.db, now)) {
    const key = { runId: t.runId, epoch: t.epoch, step: t.step, part: t.part };
    if (await renewTask(ctx.db, key, leaseEnd(ctx), ctx.maxAttempts)) {
      await ctx.storage.sendTask(key);
      report.resent++;
    } else if (await skipTask(ctx.db, key)) {
      report.dropped++;
      await tryStartReduce(ctx, t.runId, t.epoch, t.step);
    }
  }
  for (const run of await takeStuckReduces(ctx.db, new Date(now.getTime() - ctx.leaseMs))) {
    await ctx.storage.sendReduce({ runId: run.id, epoch: run.epoch, step: run.step });
    report.reducesResent++;
  }
  return report;
}
