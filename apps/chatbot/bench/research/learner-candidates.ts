// Candidates on the learner and its training procedure for SMP2018 (issue 11, 1 Dec 2026): epochs, learning rate,
// loss, block scaling, test-time averaging, and a block of character pairs built from the shipped table (product or
// mean of the two characters' vectors). None gained (bench/RESULTS.md); the candidates that needed training hooks
// (character-level augmentation, class-balanced weights, the Weston-Watkins hinge) are at commit 9a79097.
import { createRng } from '@suite/shared/ml';
import { createCharAugmenter } from './char-augmentation.ts';
import { getShippedCharTable } from '../../src/nlp/shipped-char-table.ts';
import { trainIntentClassifier, type IntentTrainOptions } from '../../src/nlp/train-intent-classifier.ts';
import type { Candidate } from './candidates.ts';

/** The app's own training with extra options, scored by its top intent. */
function appOf(options: Partial<IntentTrainOptions>): Candidate {
  return (fit, labels) => {
    const clf = trainIntentClassifier(fit, options);
    return (text) => {
      const out = new Float64Array(labels.length);
      out[labels.indexOf(clf.predict(text).intent)] = 1;
      return out;
    };
  };
}

/** The app, each message scored as the mean of its top-3 probabilities over itself and `n` dropped-letter variants. */
function appTta(options: Partial<IntentTrainOptions>, n: number, drop: number): Candidate {
  return (fit, labels) => {
    const clf = trainIntentClassifier(fit, options);
    return (text) => {
      const out = new Float64Array(labels.length);
      const variants = createCharAugmenter(undefined, createRng(5), {
        variants: n,
        dropProbability: drop,
        neighbourProbability: 0,
      })(text);
      for (const [i, t] of [text, ...variants].entries())
        for (const r of clf.predict(t).ranked)
          out[labels.indexOf(r.intent)] =
            (out[labels.indexOf(r.intent)] as number) +
            (i === 0 ? 1 : 1 / Math.max(1, variants.length)) * r.confidence;
      return out;
    };
  };
}

const LETTER = /[\p{L}\p{N}]/u;
/** Unit sum over neighbouring letter pairs both in the shipped table of the product (or mean) of their vectors. */
function pairBlock(text: string, kind: 'product' | 'mean'): Float32Array {
  const t = getShippedCharTable().embeddings;
  const out = new Float32Array(t.dim);
  const chars = [...text.normalize('NFKC').toLowerCase()].filter((c) => LETTER.test(c));
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = t.vector(chars[i] as string);
    const b = t.vector(chars[i + 1] as string);
    if (a === undefined || b === undefined) continue;
    for (let c = 0; c < t.dim; c++)
      out[c] =
        (out[c] as number) +
        (kind === 'product'
          ? (a[c] as number) * (b[c] as number) * 8
          : ((a[c] as number) + (b[c] as number)) / 2);
  }
  let n = 0;
  for (const v of out) n += v * v;
  n = Math.sqrt(n);
  if (n > 0) for (let c = 0; c < out.length; c++) out[c] = (out[c] as number) / n;
  return out;
}

/** The app with the pair block in the sentence-embedding slot at `weight`. */
function appPairs(kind: 'product' | 'mean', weight: number): Candidate {
  return (fit, labels) => {
    const rows = fit.map((r) => ({ ...r, embedding: pairBlock(r.text, kind) }));
    const clf = trainIntentClassifier(rows, { embeddingWeight: weight });
    return (text) => {
      const out = new Float64Array(labels.length);
      out[labels.indexOf(clf.predict(text, pairBlock(text, kind)).intent)] = 1;
      return out;
    };
  };
}

export function learnerCandidates(): Record<string, Candidate> {
  return {
    'learner: app': appOf({}),
    'learner: 16 epochs': appOf({ linear: { epochs: 16 } }),
    'learner: 8 epochs': appOf({ linear: { epochs: 8 } }),
    'learner: rate 0.03': appOf({ linear: { learningRate: 0.03 } }),
    'learner: rate 0.08': appOf({ linear: { learningRate: 0.08 } }),
    'learner: refit 4': appOf({ refitEpochs: 4 }),
    'learner: refit 3': appOf({ refitEpochs: 3 }),
    'learner: 8 epochs, refit 4': appOf({ linear: { epochs: 8 }, refitEpochs: 4 }),
    'learner: 10 epochs, refit 3': appOf({ linear: { epochs: 10 }, refitEpochs: 3 }),
    'learner: 8 epochs, refit 4, words 0.5': appOf({
      linear: { epochs: 8 },
      refitEpochs: 4,
      vectorizer: { wordWeight: 0.5 },
    }),
    'learner: words 0.5': appOf({ vectorizer: { wordWeight: 0.5 } }),
    'learner: words 1.0': appOf({ vectorizer: { wordWeight: 1 } }),
    'learner: squared hinge': appOf({ linear: { loss: 'squared_hinge' } }),
    'learner: no shrinking': appOf({ linear: { shrinkMargin: 0 } }),
    'learner: l2 1e-5': appOf({ linear: { l2: 1e-5 } }),
    'learner: tta 2 drop 0.1': appTta({}, 2, 0.1),
    'learner: pairs product 0.3': appPairs('product', 0.3),
    'learner: pairs product 0.5': appPairs('product', 0.5),
    'learner: pairs mean 0.3': appPairs('mean', 0.3),
  };
}
