// Reference figures belong to the data set they were measured on: they print beside that data set's results only.
import { resolve } from 'node:path';
import { dataDir } from './intent-data.ts';

export interface IntentReferences {
  accuracy: Record<string, number>;
  fewShot: Record<string, number>;
  trainSeconds: Record<string, number>;
  latencyMs: Record<string, number>;
}

/** Published and peer figures per known data set (folder name under the shared data directory). */
const REFERENCES: Record<string, IntentReferences> = {
  banking77: {
    accuracy: {
      'sklearn TF-IDF word1-2+char2-5 LinearSVC (this machine)': 0.912,
      'BERT-base fine-tuned (published)': 0.931,
      'this classifier with ASCII-only cleaning (before 30 Nov 2026)': 0.9205,
    },
    fewShot: { 'MiniLM embeddings + logistic regression, few-shot (published)': 0.8 },
    trainSeconds: { 'sklearn LinearSVC (this machine)': 4.2, target: 10 },
    latencyMs: { 'sklearn LinearSVC one utterance (this machine)': 0.95, 'target p99': 1 },
  },
  smp2018: {
    accuracy: {
      'sklearn char 1-2 TF-IDF + LinearSVC (this machine), accuracy': 0.912,
      'sklearn char 1-2 TF-IDF + LinearSVC (this machine), macro-F1': 0.907,
      'sklearn char 1-2 TF-IDF + LogisticRegression (this machine), accuracy': 0.904,
      target: 0.93,
    },
    fewShot: {},
    trainSeconds: { target: 2 },
    latencyMs: { 'target p99': 1 },
  },
};

/**
 * The data set the two files are: a known one's name when they are exactly its `train.csv` and `test.csv` in
 * the shared data directory, otherwise the train file's path (which has no reference figures).
 */
export function identifyDataset(files: { train: string; test: string }, root = tryDataDir()): string {
  if (root !== undefined) {
    for (const name of Object.keys(REFERENCES)) {
      const base = resolve(root, name);
      if (
        resolve(files.train) === resolve(base, 'train.csv') &&
        resolve(files.test) === resolve(base, 'test.csv')
      )
        return name;
    }
  }
  return files.train;
}

/** The reference figures of `dataset`, or undefined when none were measured on it. */
export function referencesFor(dataset: string): IntentReferences | undefined {
  return REFERENCES[dataset];
}

function tryDataDir(): string | undefined {
  // Outside the repository (and without SUITE_DATA_DIR) no file can be a known data set.
  try {
    return dataDir();
  } catch {
    return undefined;
  }
}
