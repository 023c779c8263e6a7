// Trains the intent classifier on a knowledge base plus stored feedback, and describes the run for the manifest.
import type { SentenceEncoder } from '../embeddings/sentence-encoder.ts';
import { knowledgeBaseHash } from './knowledge-base-file.ts';
import type { KnowledgeBase } from './knowledge-base.ts';
import type { IntentClassifier } from '../nlp/intent-classifier.ts';
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
}

/**
 * How a knowledge base trains: knowledge bases are small, so augmentation and more epochs make up for few
 * examples per intent. Exported so the open-intent bench can measure the app's own regime.
 */
export const KNOWLEDGE_BASE_TRAINING: Readonly<Partial<IntentTrainOptions>> = Object.freeze({
  augment: { variantsPerUtterance: 4 },
  linear: { loss: 'hinge', optimizer: 'adagrad', learningRate: 0.1, epochs: 20, shrinkMargin: 0 },
} satisfies Partial<IntentTrainOptions>);

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
  const known = new Set(kb.intents.map((i) => i.id));
  const fromKb: TrainingExample[] = kb.intents.flatMap((i) =>
    i.examples.map((text) => ({ text, intent: i.id })),
  );
  const fromFeedback: TrainingExample[] = feedback
    .filter((f) => known.has(f.intent))
    .map((f) => ({ text: f.message, intent: f.intent }));
  const examples = [...fromKb, ...fromFeedback];
  if (encoder) {
    // Classification compares a message with these examples, so both are embedded as what they are, messages: the
    // query prompt (e5's advice for symmetric tasks), the one chat turns put before the incoming message.
    const vectors = await encoder.embed(
      examples.map((e) => e.text),
      'query',
    );
    examples.forEach((e, i) => (e.embedding = vectors[i]));
  }
  const classifier = trainIntentClassifier(examples, {
    ...KNOWLEDGE_BASE_TRAINING,
    seed: options.seed ?? 1,
    ...(options.augment === false ? { augment: false } : {}),
    minConfidence: options.minConfidence,
  });
  const info = {
    ...classifier.data.info,
    kbHash: knowledgeBaseHash(kb),
    kbName: kb.name,
    intents: classifier.labels.length,
    feedbackExamples: fromFeedback.length,
    feedbackMaxId: feedback.at(-1)?.id ?? 0,
    embeddingModel: encoder?.modelDir ?? null,
    // A served model trained behind another prompt is stale (the assistant retrains it): see EMBEDDING_QUERY_PROMPT.
    embeddingPrompt: encoder?.prompts.query ?? '',
    embeddingDim: classifier.data.embeddingDim,
    temperature: classifier.data.temperature,
  };
  return { classifier, info };
}
