// Candidates on the hinge's margins for SMP2018 (issue 11, 1 Dec 2026 afternoon): label-distribution-aware margins
// (LDAM, Cao et al. 2019: class k's margin n_k^-p, scaled so the examples' mean margin is 1) through the linear
// trainer's `marginPower` option, which every linear fit of the app takes (the final model and the offsets' model);
// and AROW (`solver: 'arow'`, src/nlp/arow.ts) in place of the AdaGrad hinge, every linear fit of the app likewise.
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

export function marginCandidates(): Record<string, Candidate> {
  return {
    'mg: app': appOf({}),
    'mg: ldam p 0.125': appOf({ linear: { marginPower: 0.125 } }),
    'mg: ldam p 0.25': appOf({ linear: { marginPower: 0.25 } }),
    'mg: ldam p 0.5': appOf({ linear: { marginPower: 0.5 } }),
    'mg: ldam p -0.25 (control: frequent classes wider)': appOf({ linear: { marginPower: -0.25 } }),
    'mg: ldam p 0.25, no class offsets': appOf({ linear: { marginPower: 0.25 }, classOffsets: false }),
    'mg: app, no class offsets': appOf({ classOffsets: false }),
    'mg: arow r 1': appOf({ linear: { solver: 'arow', arowR: 1 } }),
    'mg: arow r 0.1': appOf({ linear: { solver: 'arow', arowR: 0.1 } }),
    'mg: arow r 10': appOf({ linear: { solver: 'arow', arowR: 10 } }),
    'mg: arow r 1, 5 epochs': appOf({ linear: { solver: 'arow', arowR: 1, epochs: 5 } }),
    'mg: arow r 100': appOf({ linear: { solver: 'arow', arowR: 100 } }),
    'mg: arow r 10, 5 epochs': appOf({ linear: { solver: 'arow', arowR: 10, epochs: 5 } }),
  };
}
