// The app's chatbot singleton, wired once per warm instance from the validated config, database and model store.
import { getSharedConfig } from '@suite/shared/config';
import { getDb } from '@suite/shared/db';
import { getModelStore } from '@suite/shared/models';
import { getChatbotConfig, type ChatbotConfig } from '../config/chatbot-config.ts';
import { createSentenceEncoder, type SentenceEncoder } from '../embeddings/sentence-encoder.ts';
import { createLlmAnswerer, type LlmAnswerer } from '../llm/llm-answerer.ts';
import { createChatbot, type Chatbot } from './chatbot.ts';

let chatbot: Chatbot | undefined;

/** The app's chatbot on the shared database, model store and env config (lazy singleton). */
export function getChatbot(): Chatbot {
  if (chatbot === undefined) {
    const config = getChatbotConfig();
    chatbot = createChatbot({
      db: getDb(),
      store: getModelStore,
      config,
      llm: llmFromConfig(config),
      encoder: encoderLoader(config),
      refreshIntervalMs: getSharedConfig().modelRefreshSeconds * 1000,
    });
  }
  return chatbot;
}

/** Forgets the singleton, or installs `replacement` (tests). */
export function resetChatbot(replacement?: Chatbot): void {
  chatbot = replacement;
}

/** The configured answerer, or null when OPENAI_API_KEY and OPENAI_BASE_URL are both unset. */
function llmFromConfig(c: ChatbotConfig): LlmAnswerer | null {
  // A local server (vLLM, Ollama) needs no key, but the openai client insists on one.
  const apiKey = c.OPENAI_API_KEY ?? (c.OPENAI_BASE_URL ? 'not-needed' : undefined);
  if (apiKey === undefined) return null;
  return createLlmAnswerer({
    apiKey,
    baseURL: c.OPENAI_BASE_URL,
    model: c.OPENAI_MODEL,
    timeoutMs: c.LLM_TIMEOUT_MS,
  });
}

/**
 * The encoder in EMBEDDING_MODEL_DIR (its prompts overridden by EMBEDDING_QUERY_PROMPT / EMBEDDING_PASSAGE_PROMPT),
 * or undefined when none is set, loaded on first use: concurrent callers
 * share one load, and a failed load is forgotten so the next call retries.
 */
function encoderLoader(c: ChatbotConfig): () => Promise<SentenceEncoder | undefined> {
  const dir = c.EMBEDDING_MODEL_DIR;
  const prompts = { query: c.EMBEDDING_QUERY_PROMPT, passage: c.EMBEDDING_PASSAGE_PROMPT };
  let encoder: Promise<SentenceEncoder | undefined> | undefined;
  return () => {
    if (encoder === undefined) {
      const loading =
        dir === undefined ? Promise.resolve(undefined) : createSentenceEncoder(dir, { prompts });
      encoder = loading;
      loading.catch(() => {
        if (encoder === loading) encoder = undefined;
      });
    }
    return encoder;
  };
}
