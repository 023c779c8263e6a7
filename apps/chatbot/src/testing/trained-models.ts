// A model store holding the demo's trained classifier and retrieval index, trained once per test run and copied into
// the store of each test that needs a served model but is about something else than a first training: that training
// was seconds of CPU per test file and engine (two worker threads, each loading the sources), and most of a test's
// time on a loaded machine. What the first chat's training does is checked where it is the subject
// (chatbot.test.ts, served-retrievers.test.ts, functions.test.ts, worker-training.test.ts).
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createTestDb } from '@suite/shared/testing';
import { inject } from 'vitest';
import { DEFAULT_DEMO_LANGUAGES, type DemoLanguage } from '../kb/demo-knowledge-bases.ts';
import { TEST_CHATBOT_CONFIG, createTestChatbot } from './chatbot-kit.ts';
import './vitest-trained-models.ts';

/**
 * Copies a store holding the classifier and retrieval index the chatbot publishes for the demo in `languages` into
 * `dir` (a model folder, created if missing): a chatbot on that folder serves them without training, exactly as
 * one that trained them itself (same data, seed and settings: the test settings, which are the app's defaults).
 * The first caller of a run trains through the service (`train()`), in a folder of its own renamed into place; a
 * concurrent first caller that loses the rename uses the winner's.
 *
 * @example beforeAll(() => seedTrainedModels(state.dir));
 */
export async function seedTrainedModels(
  dir: string,
  languages: readonly DemoLanguage[] = TEST_CHATBOT_CONFIG.DEMO_KNOWLEDGE_BASE ?? DEFAULT_DEMO_LANGUAGES,
): Promise<void> {
  const trained = join(inject('chatbotTrainedModels'), languages.join('-'));
  if (!existsSync(trained)) {
    const staging = await mkdtemp(`${trained}.`);
    const db = await createTestDb('pglite');
    try {
      const config = { ...TEST_CHATBOT_CONFIG, DEMO_KNOWLEDGE_BASE: [...languages] };
      await createTestChatbot(db, staging, { config }).train();
    } finally {
      await db.dispose();
    }
    await rename(staging, trained).catch(async (error: unknown) => {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
      await rm(staging, { recursive: true, force: true });
    });
  }
  await cp(trained, dir, { recursive: true });
}
