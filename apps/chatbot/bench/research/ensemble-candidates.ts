// Candidates of 1 Dec 2026 (issue 11, SMP2018): the linear model's weights averaged over its SGD steps (Polyak-
// Ruppert), a bag of linear models on other shuffles or bootstrap draws (weights averaged: one model's cost at
// prediction), BM25's tf saturation of the char n-gram counts, and the app's whole training run with 2-3 seeds,
// probabilities averaged (the bag's upper bound, at 2-3x the training). Hooks: `linear.averageFrom / bag /
// bootstrap` (src/nlp/linear-ensemble.ts) and `vectorizer.charSaturation`.
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

/** Whole training runs with the given seeds, their top-3 calibrated probabilities summed. */
function seedsOf(seeds: number[], options: Partial<IntentTrainOptions> = {}): Candidate {
  return (fit, labels) => {
    const clfs = seeds.map((seed) => trainIntentClassifier(fit, { ...options, seed }));
    return (text) => {
      const out = new Float64Array(labels.length);
      for (const clf of clfs)
        for (const r of clf.predict(text).ranked) {
          const k = labels.indexOf(r.intent);
          out[k] = (out[k] as number) + r.confidence;
        }
      return out;
    };
  };
}

export function ensembleCandidates(): Record<string, Candidate> {
  const c: Record<string, Candidate> = { 'ens: app': appOf({}) };
  // 12 epochs on 90%, then 2 refit epochs on all: epoch 0 averages everything, 12 only the refit.
  for (const from of [0, 4, 8, 12])
    c[`ens: average from epoch ${from}`] = appOf({ linear: { averageFrom: from } });
  for (const rate of [0.1, 0.2])
    c[`ens: average from 0, rate ${rate}`] = appOf({ linear: { averageFrom: 0, learningRate: rate } });
  c['ens: average from 4, rate 0.1'] = appOf({ linear: { averageFrom: 4, learningRate: 0.1 } });
  for (const bag of [2, 3]) {
    c[`ens: bag ${bag} shuffles`] = appOf({ linear: { bag } });
    c[`ens: bag ${bag} bootstrap`] = appOf({ linear: { bag, bootstrap: true } });
  }
  c['ens: bag 2 shuffles, averaged from 4'] = appOf({ linear: { bag: 2, averageFrom: 4 } });
  for (const k1 of [0.5, 1.2, 2, 5])
    c[`ens: char bm25 k1 ${k1}`] = appOf({ vectorizer: { charSaturation: k1 } });
  c['ens: seeds 1+2 averaged'] = seedsOf([1, 2]);
  c['ens: seeds 1+2+3 averaged'] = seedsOf([1, 2, 3]);
  return c;
}
