import type { JobView } from '@suite/shared/jobs';
import { describe, expect, it } from 'vitest';
import { createTestChatbot } from '../testing/chatbot-kit.ts';
import { INTENT_MODEL } from './assistant.ts';
import { useServiceTestState } from '../testing/service-test-state.ts';

/** Reads the job until `done` says it may stop (every 20 ms). */
async function waitForJob(read: () => Promise<JobView>, done: (job: JobView) => boolean): Promise<JobView> {
  for (;;) {
    const job = await read();
    if (done(job)) return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('cancelling a training job', () => {
  const state = useServiceTestState('chatbot-training-cancel');

  it('stops its training worker: the job ends cancelled and publishes nothing', async () => {
    const bot = createTestChatbot(state.db, state.dir);
    const started = await bot.startTraining({});
    await waitForJob(
      () => bot.jobs.get(started.id),
      (job) => job.state !== 'queued',
    );
    await bot.jobs.cancel(started.id);
    const ended = await waitForJob(
      () => bot.jobs.get(started.id),
      (job) => job.state !== 'queued' && job.state !== 'running',
    );
    // A worker left running would finish the training, publish its model and mark the job succeeded.
    expect(ended.state).toBe('cancelled');
    expect(await bot.models.store().latest(INTENT_MODEL)).toBeUndefined();
    // The instance trains again afterwards: the gate was released and the next job publishes.
    const next = await bot.startTraining({});
    const after = await waitForJob(
      () => bot.jobs.get(next.id),
      (job) => job.state !== 'queued' && job.state !== 'running',
    );
    expect(after.state).toBe('succeeded');
    expect(await bot.models.store().latest(INTENT_MODEL)).toBeDefined();
  }, 180_000);
});
