// Several prototypes per intent for SMP2018 (issue 11, 1 Dec 2026 afternoon): the large intents' rows are split by
// spherical k-means on their TF-IDF (the app's unspaced-script tokens) into sub-intents the app learns as classes of
// their own; a message gets the intent of its best sub-intent, so each intent scores as the max of a few linear
// functions (a fixed-assignment multi-prototype hinge, after Aiolli and Sperduti, JMLR 2005). No training hook.
import { createRng } from '@suite/shared/ml';
import { classifierTokens } from '../../src/nlp/classifier-tokens.ts';
import { fitVectorizer, type SparseVector } from '../../src/nlp/tfidf-vectorizer.ts';
import {
  trainIntentClassifier,
  UNSPACED_SCRIPT_VECTORIZER,
  type IntentTrainOptions,
} from '../../src/nlp/train-intent-classifier.ts';
import type { IntentRow } from '../intent-data.ts';
import type { Candidate } from './candidates.ts';

export interface PrototypeOptions {
  /** An intent with at least this many rows gets floor(n / rowsPerPrototype) prototypes, at most `max`. */
  rowsPerPrototype: number;
  max: number;
  /** Only these intents are split (all when empty). */
  intents: readonly string[];
}

function dot(x: SparseVector, c: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.indices.length; i++)
    s += (x.values[i] as number) * (c[x.indices[i] as number] as number);
  return s;
}

/** Spherical k-means (seeded k-means++ start, 12 rounds): the cluster of each vector. */
export function sphericalKMeans(
  xs: readonly SparseVector[],
  dim: number,
  k: number,
  seed: number,
): Int32Array {
  const rng = createRng(seed);
  const centres: Float64Array[] = [];
  const add = (x: SparseVector, c: Float64Array) => {
    for (let i = 0; i < x.indices.length; i++)
      c[x.indices[i] as number] = (c[x.indices[i] as number] as number) + (x.values[i] as number);
  };
  const first = new Float64Array(dim);
  add(xs[Math.floor(rng.next() * xs.length)] as SparseVector, first);
  centres.push(first);
  while (centres.length < k) {
    // k-means++: the next centre drawn in proportion to 1 - best cosine.
    const d = xs.map((x) => Math.max(0, 1 - Math.max(...centres.map((c) => dot(x, c)))));
    let r = rng.next() * d.reduce((a, b) => a + b, 0);
    let at = 0;
    while (at < d.length - 1 && (r -= d[at] as number) > 0) at++;
    const c = new Float64Array(dim);
    add(xs[at] as SparseVector, c);
    centres.push(c);
  }
  const assign = new Int32Array(xs.length);
  for (let round = 0; round < 12; round++) {
    xs.forEach((x, i) => {
      let best = 0;
      for (let j = 1; j < k; j++) if (dot(x, centres[j]!) > dot(x, centres[best]!)) best = j;
      assign[i] = best;
    });
    for (let j = 0; j < k; j++) {
      const c = centres[j] as Float64Array;
      c.fill(0);
      xs.forEach((x, i) => assign[i] === j && add(x, c));
      let n = 0;
      for (const v of c) n += v * v;
      n = Math.sqrt(n) || 1;
      for (let t = 0; t < dim; t++) c[t] = (c[t] as number) / n;
    }
  }
  return assign;
}

/** The rows relabelled `intent#j` by their prototype. */
export function splitIntoPrototypes(rows: readonly IntentRow[], o: PrototypeOptions): IntentRow[] {
  const tokens = rows.map((r) => classifierTokens(r.text, { punctuation: true }));
  const v = fitVectorizer(tokens, UNSPACED_SCRIPT_VECTORIZER);
  const out = rows.map((r) => ({ ...r }));
  for (const intent of new Set(rows.map((r) => r.intent))) {
    if (o.intents.length > 0 && !o.intents.includes(intent)) continue;
    const at = rows.flatMap((r, i) => (r.intent === intent ? [i] : []));
    const k = Math.min(o.max, Math.floor(at.length / o.rowsPerPrototype));
    if (k < 2) continue;
    const assign = sphericalKMeans(
      at.map((i) => v.transform(tokens[i] as string[])),
      v.dim,
      k,
      at.length,
    );
    at.forEach((i, n) => ((out[i] as IntentRow).intent = `${intent}#${assign[n]}`));
  }
  return out;
}

/** The app trained on the sub-intents; a message's intent is its top sub-intent's. */
export function appPrototypes(o: PrototypeOptions, options: Partial<IntentTrainOptions> = {}): Candidate {
  return (fit, labels) => {
    const clf = trainIntentClassifier(splitIntoPrototypes(fit, o), options);
    return (text) => {
      const out = new Float64Array(labels.length);
      out[labels.indexOf(clf.predict(text).intent.split('#')[0] as string)] = 1;
      return out;
    };
  };
}

export function prototypeCandidates(): Record<string, Candidate> {
  return {
    'proto: chat x2': appPrototypes({ rowsPerPrototype: 150, max: 2, intents: ['chat'] }),
    'proto: chat x3': appPrototypes({ rowsPerPrototype: 150, max: 3, intents: ['chat'] }),
    'proto: every 150 rows, up to 3': appPrototypes({ rowsPerPrototype: 150, max: 3, intents: [] }),
    'proto: every 80 rows, up to 2': appPrototypes({ rowsPerPrototype: 80, max: 2, intents: [] }),
  };
}
