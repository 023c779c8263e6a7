// Builds chatbots for tests on a real database and a temporary file model store, with the test settings.
import type { Db } from '@suite/shared/db';
import { createFsModelStore } from '@suite/shared/models';
import { DEFAULT_MIN_CONFIDENCE } from '../nlp/confidence-threshold.ts';
import { createChatbot, type Chatbot, type ChatbotDeps, type IssuedSession } from '../service/index.ts';

/** The settings every chatbot test runs with: the app's defaults, a one-hour session TTL, the English demo. */
export const TEST_CHATBOT_CONFIG: ChatbotDeps['config'] = Object.freeze({
  CHAT_MIN_CONFIDENCE: DEFAULT_MIN_CONFIDENCE,
  HANDOFF_AFTER_LOW_TURNS: 2,
  SESSION_TTL_SECONDS: 3600,
  KNOWLEDGE_BASE_FILE: undefined,
  // The English demo alone (a third of the training of the default); languages.test.ts and the HTTP tests,
  // which read the app's config, serve the default `en,zh,es`.
  DEMO_KNOWLEDGE_BASE: ['en' as const],
});

/** A chatbot on `db` with models in `modelDir`, no LLM and no sentence encoder unless `overrides` give them. */
export function createTestChatbot(db: Db, modelDir: string, overrides: Partial<ChatbotDeps> = {}): Chatbot {
  return createChatbot({
    db,
    store: createFsModelStore(modelDir),
    config: TEST_CHATBOT_CONFIG,
    llm: null,
    encoder: async () => undefined,
    ...overrides,
  });
}

/**
 * Sessions by a test's own label, issued by `bot` on first use: `{ ...(await session('a')), message }` is a
 * chat input that continues conversation 'a' with its token.
 */
export function createSessionBook(bot: () => Chatbot): (label: string) => Promise<IssuedSession> {
  const issued = new Map<string, Promise<IssuedSession>>();
  return (label) => {
    let session = issued.get(label);
    if (session === undefined) {
      session = bot().startSession();
      issued.set(label, session);
    }
    return session;
  };
}
