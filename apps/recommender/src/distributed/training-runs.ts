// The distributed-training use case: start a run, handle a unit's or a reduce's queue message, sweep expired
// leases, and describe a run. Messages may arrive twice, late, or never: every handler checks the run's
// current epoch/step first, completion counts once in PostgreSQL, and the sweep re-sends what a lost or slow
// worker still holds (straggler policy in README.md).
import { advanceRun, claimReduce, finishRun, getRun, type RunRow } from '../store/training-run-repository.ts';
import { completeTask, countQueued, listTasks } from '../store/training-task-repository.ts';
import { reduceDataEpoch, runDataUnit, writeDataGlobal } from './data-parallel-run.ts';
import {
  assembleParams,
  nextShared,
  readShared,
  runModelUnit,
  writeShared,
  type StepShared,
} from './model-parallel-run.ts';
import type { ParamState } from './shard-epoch.ts';
import { leaseEnd, type RunContext } from './run-context.ts';
import { chooseModel, loadRunSetup, recordEpoch, type RunSetup } from './run-tracker.ts';
import type { ReduceMessage, TaskMessage } from './training-messages.ts';
import { fitMethodOf } from '../training/fit-method.ts';

/** What a handled message did: `done` (counted), `duplicate` or `stale` (dropped: already counted, or an old step). */
export type MessageOutcome = 'done' | 'duplicate' | 'stale';

const isCurrent = (
  run: RunRow | undefined,
  m: { epoch: number; step: number },
  phase: RunRow['phase'],
): run is RunRow =>
  run !== undefined &&
  run.state === 'running' &&
  run.phase === phase &&
  run.epoch === m.epoch &&
  run.step === m.step;

/** Handle one work unit's message. */
export async function handleTaskMessage(ctx: RunContext, msg: TaskMessage): Promise<MessageOutcome> {
  const run = await getRun(ctx.db, msg.runId);
  if (!isCurrent(run, msg, 'working') || msg.part >= run.workers) return 'stale';
  const task = (await listTasks(ctx.db, msg.runId, msg.epoch, msg.step)).find((t) => t.part === msg.part);
  if (!task || task.state !== 'queued') return 'duplicate';
  const setup = await loadRunSetup(ctx, run.id);
  const result =
    run.mode === 'data' ? await runDataUnit(ctx, run, setup, msg) : await runModelUnit(ctx, run, setup, msg);
  if (!(await completeTask(ctx.db, msg, result))) return 'duplicate';
  await tryStartReduce(ctx, run.id, msg.epoch, msg.step);
  return 'done';
}

/** When no unit of the step is still queued, claim its reduce (one caller wins) and send the reduce message. */
export async function tryStartReduce(
  ctx: RunContext,
  runId: string,
  epoch: number,
  step: number,
): Promise<boolean> {
  if ((await countQueued(ctx.db, runId, epoch, step)) > 0) return false;
  if (!(await claimReduce(ctx.db, runId, epoch, step))) return false;
  await ctx.storage.sendReduce({ runId, epoch, step });
  return true;
}

async function sendStep(ctx: RunContext, run: RunRow, epoch: number, step: number): Promise<void> {
  await Promise.all(
    Array.from({ length: run.workers }, (_, part) =>
      ctx.storage.sendTask({ runId: run.id, epoch, step, part }),
    ),
  );
}

async function finish(
  ctx: RunContext,
  run: RunRow,
  setup: RunSetup,
  epoch: number,
  record: Record<string, unknown>,
): Promise<void> {
  const chosen = await chooseModel(ctx, run.id, setup, epoch);
  const published = await ctx.publish(chosen.model, {
    kind: setup.options.kind,
    method: fitMethodOf(setup.options),
    k: chosen.model.k,
    distributed: { mode: run.mode, workers: run.workers, runId: run.id },
    validation: chosen.validation,
    bestEpoch: chosen.bestEpoch,
  });
  await finishRun(
    ctx.db,
    run.id,
    {
      state: 'succeeded',
      result: {
        ...published,
        validation: chosen.validation,
        bestEpoch: chosen.bestEpoch,
        epochs: epoch,
        // What one process holding the whole model would hold: parameters and optimiser state.
        fullModelBytes: chosen.model.params.byteLength * (setup.options.optimizer === 'sgd' ? 1 : 2),
      },
    },
    record,
  );
}

/** The current epoch over all its steps: training error, units retried or dropped, worker memory and time. */
async function epochUnits(ctx: RunContext, run: RunRow) {
  const out = {
    sse: 0,
    count: 0,
    skipped: [] as string[],
    retried: [] as string[],
    workerParamBytes: 0,
    workerDataBytes: 0,
    computeMsMax: 0,
    computeMsSum: 0,
    ioMsMax: 0,
  };
  for (let s = 0; s < run.steps; s++) {
    for (const t of await listTasks(ctx.db, run.id, run.epoch, s)) {
      if (t.state === 'skipped') out.skipped.push(`${s}.${t.part}`);
      if (t.attempts > 1) out.retried.push(`${s}.${t.part}`);
      const r = (name: string) => Number(t.result?.[name] ?? 0);
      out.sse += r('sse');
      out.count += r('count');
      out.workerParamBytes = Math.max(out.workerParamBytes, r('paramBytes'));
      out.workerDataBytes = Math.max(out.workerDataBytes, r('dataBytes'));
      out.computeMsMax = Math.max(out.computeMsMax, r('computeMs'));
      out.computeMsSum += r('computeMs');
      out.ioMsMax = Math.max(out.ioMsMax, r('readMs') + r('writeMs'));
    }
  }
  return out;
}

/**
 * Handle a step's reduce: merge the shards (data) or point the next step at the blocks just written (model);
 * at an epoch's end, record the epoch and go on, or choose and publish the model.
 */
export async function handleReduceMessage(ctx: RunContext, msg: ReduceMessage): Promise<MessageOutcome> {
  const run = await getRun(ctx.db, msg.runId);
  if (!isCurrent(run, msg, 'reducing')) return 'stale';
  try {
    const setup = await loadRunSetup(ctx, run.id);
    const tasks = await listTasks(ctx.db, run.id, run.epoch, run.step);
    const data = run.mode === 'data';
    const carry: ParamState | StepShared = data
      ? await reduceDataEpoch(ctx, run, tasks)
      : nextShared(run, await readShared(ctx, run.id, run.epoch, run.step), tasks);
    const write = (epoch: number, step: number) =>
      data
        ? writeDataGlobal(ctx, run.id, epoch, step, carry as ParamState)
        : writeShared(ctx, run.id, epoch, step, carry as StepShared);
    const moveTo = async (epoch: number, step: number, entry?: Record<string, unknown>) => {
      await write(epoch, step);
      const to = { epoch, step, parts: run.workers, leaseUntil: leaseEnd(ctx) };
      if (await advanceRun(ctx.db, { runId: run.id, epoch: run.epoch, step: run.step }, to, entry))
        await sendStep(ctx, run, epoch, step);
    };
    if (run.step + 1 < run.steps) {
      await moveTo(run.epoch, run.step + 1);
      return 'done';
    }
    const params = data
      ? (carry as ParamState).params
      : await assembleParams(ctx, run, setup, carry as StepShared);
    const units = await epochUnits(ctx, run);
    const { record, go } = await recordEpoch(ctx, run.id, setup, run.epoch, params, units.sse, units.count);
    const { sse: _sse, count: _count, skipped, retried, ...work } = units;
    const entry = { ...record, skippedUnits: skipped, retriedUnits: retried, ...work };
    if (go) await moveTo(run.epoch + 1, 0, entry);
    else await finish(ctx, run, setup, run.epoch, entry);
    return 'done';
  } catch (error) {
    // A diverged model or a corrupt blob will not get better on a retry: the run fails, saying why.
    if (error instanceof RangeError) {
      await finishRun(ctx.db, run.id, {
        state: 'failed',
        error: { title: 'training failed', detail: error.message },
      });
      return 'done';
    }
    throw error;
  }
}
