// One training at a time over real HTTP, on each engine. The accepted job is held at its model publish by a gate
// the test opens, so "another job is running" is a fact while the others ask, not a bet on how long a tiny training
// takes (a loaded machine can finish one before the next request arrives).
import { createFsModelStore } from '@suite/shared/models';
import { createTestDb, holdPublishes, testEngines, type HeldPublishes } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, useChatbotHttpHost } from '../testing/http-host.ts';
import { resetChatbot } from '../service/index.ts';
import { ensureChatSchema } from '../store/chat-schema.ts';
import { createTestChatbot } from '../testing/chatbot-kit.ts';

const app = useChatbotHttpHost('chatbot-train-http-');

const train = (seed: number) =>
  fetch(`${app.url}/api/train`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...ADMIN },
    body: JSON.stringify({ augment: false, seed }),
  });
const replaceKnowledgeBase = (kb: unknown) =>
  fetch(`${app.url}/api/knowledge-base`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...ADMIN },
    body: JSON.stringify(kb),
  });

const followJob = app.followJob;

describe.each(testEngines())('one training at a time over HTTP on %s', (engine) => {
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let held: HeldPublishes;

  beforeAll(async () => {
    db = await createTestDb(engine);
    // The engine and the migrations start here, in the hook, not inside the first test's timeout.
    await ensureChatSchema(db);
    held = holdPublishes(createFsModelStore(app.folder(engine)));
    resetChatbot(createTestChatbot(db, app.folder(engine), { store: held.store }));
  });
  afterAll(async () => {
    held.release();
    await db.dispose();
  });

  it('of three concurrent trainings one is accepted and publishes, the others get a 409', async () => {
    held.hold();
    let answers: Response[];
    try {
      answers = await Promise.all([1, 2, 3].map((seed) => train(seed)));
    } finally {
      held.release();
    }
    expect(answers.map((r) => r.status).sort()).toEqual([202, 409, 409]);
    for (const r of answers.filter((a) => a.status === 409)) {
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(await r.json())).toContain('already running');
    }
    const accepted = answers.find((r) => r.status === 202)!;
    expect((await followJob(accepted.headers.get('location') as string)).state).toBe('succeeded');
    // Once the job is over, the next one runs.
    const next = await train(4);
    expect(next.status).toBe(202);
    expect((await followJob(next.headers.get('location') as string)).state).toBe('succeeded');
  });

  it('refuses a knowledge-base replacement while a training job runs: it is a training job too', async () => {
    const { kb } = (await (await fetch(`${app.url}/api/knowledge-base`)).json()) as { kb: unknown };
    held.hold();
    let accepted: Response, replace: Response;
    try {
      accepted = await train(5);
      expect(accepted.status).toBe(202);
      await held.waiting();
      replace = await replaceKnowledgeBase(kb);
    } finally {
      held.release();
    }
    expect(replace.status).toBe(409);
    expect(JSON.stringify(await replace.json())).toContain('already running');
    expect((await followJob(accepted.headers.get('location') as string)).state).toBe('succeeded');
  });

  it('fails a training job with a 409 that starts while a knowledge-base replacement trains', async () => {
    const { kb } = (await (await fetch(`${app.url}/api/knowledge-base`)).json()) as { kb: unknown };
    held.hold();
    const replacing = replaceKnowledgeBase(kb);
    let accepted: Response, job: Awaited<ReturnType<typeof followJob>>;
    try {
      await held.waiting();
      accepted = await train(6);
      expect(accepted.status).toBe(202);
      job = await followJob(accepted.headers.get('location') as string);
    } finally {
      held.release();
    }
    expect([job.state, job.error?.status]).toEqual(['failed', 409]);
    expect((await replacing).status).toBe(201);
  });
});
