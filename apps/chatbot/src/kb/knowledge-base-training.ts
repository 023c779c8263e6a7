// Trains the intent classifier on a knowledge base plus stored feedback, and describes the run for the manifest.
import type { SentenceEncoder } from '../embeddings/sentence-encoder.ts';
import { knowledgeBaseHash } from './knowledge-base-file.ts';
import type { KnowledgeBase } from './knowledge-base.ts';
import { createRng } from '@suite/shared/ml';
import { createIntentClassifier, type IntentClassifier } from '../nlp/intent-classifier.ts';
import {
  DEFAULT_LANGUAGE_TEMPERATURE_FOLDS,
  DEFAULT_LANGUAGE_TEMPERATURE_ROWS,
  crossFitLanguageTemperatures,
} from '../nlp/language-temperatures.ts';
import { detectLanguage } from '../nlp/language-detection.ts';
import { getLanguageEvidence } from './language-evidence.ts';
import {
  trainIntentClassifier,
  type IntentTrainOptions,
  type TrainingExample,
} from '../nlp/train-intent-classifier.ts';

/** A stored correction: the right intent for a message (`id` orders them; the highest is recorded). */
export interface FeedbackExample {
  id: number;
  message: string;
  intent: string;
}

export interface KnowledgeBaseTrainingOptions {
  augment?: boolean;
  seed?: number;
  minConfidence: number;
  /**
   * Held-out rows a declared language needs for a temperature of its own (knowledge bases of two or more
   * languages; default {@link DEFAULT_LANGUAGE_TEMPERATURE_ROWS}); `false`: one shared temperature.
   */
  languageTemperatureRows?: number | false;
  /** Folds of the per-language calibration (see `LanguageTemperatureOptions.folds`). */
  languageTemperatureFolds?: number;
}

/** Seed offset of the per-language calibration's fold assignment (its own stream: the model's draws stay as they were). */
const LANGUAGE_STREAM = 104729;

/**
 * How a knowledge base trains: knowledge bases are small, so augmentation and more epochs make up for few
 * examples per intent. Exported so the open-intent bench can measure the app's own regime.
 */
export const KNOWLEDGE_BASE_TRAINING: Readonly<Partial<IntentTrainOptions>> = Object.freeze({
  augment: { variantsPerUtterance: 4 },
  linear: { loss: 'hinge', optimizer: 'adagrad', learningRate: 0.1, epochs: 20, shrinkMargin: 0 },
} satisfies Partial<IntentTrainOptions>);

/** A knowledge base's training examples (its utterances, then usable feedback) and what the manifest says of them. */
export interface KnowledgeBaseExamples {
  examples: TrainingExample[];
  /** Feedback rows among the examples (feedback naming an intent that no longer exists is left out). */
  feedbackExamples: number;
  /** The highest feedback id read (0 without feedback). */
  feedbackMaxId: number;
  /** The knowledge base's {@link knowledgeBaseHash}, taken here: a worker's copy of it would be hashed again. */
  kbHash: string;
}

/** The encoder as the manifest records it: a served model trained behind another prompt is stale. */
export interface EncoderStamp {
  modelDir: string;
  queryPrompt: string;
}

/** Examples are the knowledge base's utterances plus feedback naming an intent that still exists. */
export function knowledgeBaseExamples(
  kb: KnowledgeBase,
  feedback: readonly FeedbackExample[],
): KnowledgeBaseExamples {
  const known = new Set(kb.intents.map((i) => i.id));
  const fromKb: TrainingExample[] = kb.intents.flatMap((i) =>
    i.examples.map((text) => ({ text, intent: i.id })),
  );
  const fromFeedback: TrainingExample[] = feedback
    .filter((f) => known.has(f.intent))
    .map((f) => ({ text: f.message, intent: f.intent }));
  return {
    examples: [...fromKb, ...fromFeedback],
    feedbackExamples: fromFeedback.length,
    feedbackMaxId: feedback.at(-1)?.id ?? 0,
    kbHash: knowledgeBaseHash(kb),
  };
}

/** With an encoder, each example gets its sentence embedding (in place); returns the encoder's stamp. */
export async function embedExamples(
  examples: TrainingExample[],
  encoder: SentenceEncoder | undefined,
): Promise<EncoderStamp | undefined> {
  if (encoder === undefined) return undefined;
  // Classification compares a message with these examples, so both are embedded as what they are, messages: the
  // query prompt (e5's advice for symmetric tasks), the one chat turns put before the incoming message.
  const vectors = await encoder.embed(
    examples.map((e) => e.text),
    'query',
  );
  examples.forEach((e, i) => (e.embedding = vectors[i]));
  return { modelDir: encoder.modelDir, queryPrompt: encoder.prompts.query };
}

/**
 * Examples are the knowledge base's utterances plus feedback naming an intent that still exists; with an
 * encoder, each example carries its sentence embedding. Returns the classifier and the manifest metadata.
 */
export async function trainOnKnowledgeBase(
  kb: KnowledgeBase,
  feedback: readonly FeedbackExample[],
  encoder: SentenceEncoder | undefined,
  options: KnowledgeBaseTrainingOptions,
): Promise<{ classifier: IntentClassifier; info: Record<string, unknown> }> {
  const set = knowledgeBaseExamples(kb, feedback);
  const stamp = await embedExamples(set.examples, encoder);
  return trainOnExamples(kb, set, stamp, options);
}

/**
 * The CPU-bound part of {@link trainOnKnowledgeBase}, synchronous and free of I/O, so a worker thread can run it
 * (`training-worker.ts`) on examples already embedded.
 */
export function trainOnExamples(
  kb: KnowledgeBase,
  set: KnowledgeBaseExamples,
  encoder: EncoderStamp | undefined,
  options: KnowledgeBaseTrainingOptions,
): { classifier: IntentClassifier; info: Record<string, unknown> } {
  const { examples } = set;
  const seed = options.seed ?? 1;
  const trainOptions: Partial<IntentTrainOptions> = {
    ...KNOWLEDGE_BASE_TRAINING,
    seed,
    ...(options.augment === false ? { augment: false } : {}),
    minConfidence: options.minConfidence,
    ...(kb.lookupTables === undefined ? {} : { vectorizer: { lookupTables: kb.lookupTables } }),
  };
  const trained = trainIntentClassifier(examples, trainOptions);
  // Each declared language keeps its own operating point: its examples, placed by the detection that will place a
  // customer's message, calibrate its temperature. One language: nothing changes (no extra work, the same model).
  const minRows = options.languageTemperatureRows ?? DEFAULT_LANGUAGE_TEMPERATURE_ROWS;
  const evidence = getLanguageEvidence(kb);
  const languageTemperatures =
    kb.languages.length > 1 && minRows !== false
      ? crossFitLanguageTemperatures(
          examples,
          {
            languageOf: (t) => detectLanguage(t, kb.languages, evidence),
            minRows,
            folds: options.languageTemperatureFolds ?? DEFAULT_LANGUAGE_TEMPERATURE_FOLDS,
          },
          createRng(seed + LANGUAGE_STREAM),
          (fit, fold) => trainIntentClassifier(fit, { ...trainOptions, seed: seed + fold + 1 }),
        )
      : undefined;
  const classifier =
    languageTemperatures === undefined
      ? trained
      : createIntentClassifier({ ...trained.data, languageTemperatures });
  const info = {
    ...classifier.data.info,
    kbHash: set.kbHash,
    kbName: kb.name,
    intents: classifier.labels.length,
    feedbackExamples: set.feedbackExamples,
    feedbackMaxId: set.feedbackMaxId,
    embeddingModel: encoder?.modelDir ?? null,
    // A served model trained behind another prompt is stale (the assistant retrains it): see EMBEDDING_QUERY_PROMPT.
    embeddingPrompt: encoder?.queryPrompt ?? '',
    embeddingDim: classifier.data.embeddingDim,
    temperature: classifier.data.temperature,
    ...(classifier.data.languageTemperatures && {
      languageTemperatures: classifier.data.languageTemperatures,
    }),
  };
  return { classifier, info };
}
