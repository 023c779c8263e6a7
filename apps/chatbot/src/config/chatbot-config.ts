// The chatbot's own settings from the environment, read once, validated and frozen.
import { z } from 'zod';
import { loadConfig, type Env } from '@suite/shared/config';
import { DEFAULT_DEMO_LANGUAGES, DEMO_LANGUAGES } from '../kb/demo-knowledge-bases.ts';
import { DEFAULT_MIN_CONFIDENCE } from '../nlp/confidence-threshold.ts';

/** Feedbacks one conversation may leave unless FEEDBACK_PER_CONVERSATION says otherwise. */
export const DEFAULT_FEEDBACK_PER_CONVERSATION = 5;

/** An encoder prompt override: the text itself, or `none` (no prompt). */
const promptOverride = () =>
  z
    .string()
    .max(500, 'expected a prompt of at most 500 characters, or none')
    .transform((v) => (v === 'none' ? '' : v))
    .optional();

const schema = z.object({
  /** Enables LLM answers (OpenAI, Azure OpenAI or any server speaking the chat-completions API). */
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.string().url().optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  /** Whole-request budget of one LLM answer; after it the template answer is used. */
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /** Local sentence-encoder folder (config.json, tokenizer.json, onnx/model.onnx), e.g. all-MiniLM-L6-v2. */
  EMBEDDING_MODEL_DIR: z.string().optional(),
  /**
   * Replace the prompt the encoder folder declares (config_sentence_transformers.json) before messages and
   * classifier examples (`query`) or before knowledge-base entries (`passage`), kept verbatim with its trailing
   * space; `none` for no prompt. Unset or empty keeps the folder's: an empty value counts as unset, as in every
   * settings file.
   */
  EMBEDDING_QUERY_PROMPT: promptOverride(),
  EMBEDDING_PASSAGE_PROMPT: promptOverride(),
  /** A knowledge-base JSON file that replaces the shipped demo. */
  KNOWLEDGE_BASE_FILE: z.string().optional(),
  /**
   * Which shipped demo knowledge base to serve: `en`, `zh`, `es`, or several merged (`en,zh,es`, the default; the
   * first language is the one a message in an undeclared language is answered in).
   */
  DEMO_KNOWLEDGE_BASE: z
    .string()
    .default(DEFAULT_DEMO_LANGUAGES.join(','))
    .transform((value) => value.split(',').map((l) => l.trim()))
    .pipe(z.array(z.enum(DEMO_LANGUAGES)).min(1)),
  /** Calibrated confidence below which a message is out of scope. */
  CHAT_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(DEFAULT_MIN_CONFIDENCE),
  /** Feedbacks one conversation may leave (each is a suggestion an admin reviews). */
  FEEDBACK_PER_CONVERSATION: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(DEFAULT_FEEDBACK_PER_CONVERSATION),
  /** Consecutive low-confidence turns before the conversation is handed to a person. */
  HANDOFF_AFTER_LOW_TURNS: z.coerce.number().int().min(1).max(20).default(2),
  /**
   * `on`: GET /api/edge/assistant serves the served classifier and knowledge base for the console's offline mode
   * (answers computed in the browser); `off`: that route answers 404.
   */
  EDGE_MODEL: z.enum(['on', 'off'], 'expected on or off').default('on'),
  /**
   * `worker`: the classifier trains in a worker thread, and the app keeps answering (health, chats) meanwhile;
   * `main`: it trains on the event loop, which answers nothing until it ends (seconds; more on a loaded machine).
   */
  TRAINING_THREAD: z.enum(['worker', 'main'], 'expected worker or main').default('worker'),
  /** Idle time after which a conversation's state expires. */
  SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(7 * 24 * 3600),
});

export type ChatbotConfig = Readonly<z.infer<typeof schema>>;

/** The names of every setting the schema reads (its documentation is checked against them). */
export const CHATBOT_SETTING_NAMES: readonly string[] = Object.keys(schema.shape);

let config: ChatbotConfig | undefined;

/** The chatbot settings (lazy singleton). A ConfigError names the bad variable. */
export function getChatbotConfig(): ChatbotConfig {
  config ??= loadConfig(schema);
  return config;
}

/** Reads the settings from `env` (tests). */
export function loadChatbotConfig(env: Env): ChatbotConfig {
  return loadConfig(schema, env);
}

export function resetChatbotConfig(): void {
  config = undefined;
}
