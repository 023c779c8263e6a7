import { join } from 'node:path';
import { resetDb } from '@suite/shared/db';
import { createFsModelStore } from '@suite/shared/models';
import { healthModels, overwriteFsLatestPointer } from '@suite/shared/testing';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { health } from '../functions/health.ts';
import { INTENT_MODEL } from './assistant.ts';
import { createTestChatbot } from '../testing/chatbot-kit.ts';
import { useServiceTestState } from '../testing/service-test-state.ts';
import { seedTrainedModels } from '../testing/trained-models.ts';

describe('assistant on a broken intent model', () => {
  // Each case's store holds the demo's trained classifier first (seedTrainedModels): the one that loads.
  const state = useServiceTestState('chatbot-fallback', 'pglite', { trained: true });
  afterAll(async () => {
    await resetDb(); // the one health's probe opened
  });

  it('a fresh service still answers with the previous classifier when garbage is published as latest, and health says so', async () => {
    const store = createFsModelStore(state.dir);
    const trained = createTestChatbot(state.db, state.dir, { store });
    const before = await trained.chat({ message: 'my card was stolen' });
    const good = await store.latest(INTENT_MODEL);
    // Another app publishes a foreign artifact under the chatbot's name.
    const foreign = await store.publish(INTENT_MODEL, new TextEncoder().encode('not a classifier at all'));
    expect(foreign.version).not.toBe(good?.version);

    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const cold = createTestChatbot(state.db, state.dir, { store });
      const reply = await cold.chat({ message: 'my card was stolen' });
      expect(reply.intent).toBe(before.intent);
      expect(errors.mock.calls.some(([line]) => String(line).includes(foreign.version))).toBe(true);
      expect(await healthModels(health)).toContainEqual(
        expect.objectContaining({
          cache: 'chatbot',
          name: INTENT_MODEL,
          version: good?.version,
          fallback: expect.objectContaining({ latest: foreign.version }),
        }),
      );
    } finally {
      errors.mockRestore();
    }
  });

  it('a fresh service answers with the newest classifier that loads when the latest pointer is not JSON', async () => {
    const root = join(state.dir, 'malformed-pointer');
    await seedTrainedModels(root);
    const store = createFsModelStore(root);
    const before = await createTestChatbot(state.db, root, { store }).chat({ message: 'my card was stolen' });
    const good = await store.latest(INTENT_MODEL);
    await overwriteFsLatestPointer(root, INTENT_MODEL, '{"name":"chatbot-int');

    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const reply = await createTestChatbot(state.db, root, { store }).chat({
        message: 'my card was stolen',
      });
      expect(reply.intent).toBe(before.intent);
      expect(await healthModels(health)).toContainEqual(
        expect.objectContaining({
          cache: 'chatbot',
          name: INTENT_MODEL,
          version: good?.version,
          fallback: expect.objectContaining({ latest: 'unreadable' }),
        }),
      );
    } finally {
      errors.mockRestore();
    }
  });

  it('a retrain replaces a latest pointer that is not JSON and serves what it trained', async () => {
    const root = join(state.dir, 'retrain-repairs');
    await seedTrainedModels(root);
    const store = createFsModelStore(root);
    await createTestChatbot(state.db, root, { store }).chat({ message: 'my card was stolen' });
    await overwriteFsLatestPointer(root, INTENT_MODEL, 'garbage');
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const bot = createTestChatbot(state.db, root, { store });
      const { manifest } = await bot.train();
      expect(await store.latest(INTENT_MODEL)).toEqual(manifest);
      expect(warnings.mock.calls.some(([line]) => String(line).includes('garbage'))).toBe(true);
      expect(await healthModels(health)).toContainEqual(
        expect.objectContaining({ cache: 'chatbot', name: INTENT_MODEL, version: manifest.version }),
      );
    } finally {
      warnings.mockRestore();
      errors.mockRestore();
    }
  });
});
