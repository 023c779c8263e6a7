// Candidates for Banking77 (English, issue 11): SMP2018's ideas transposed to a spaced script. Word and char
// trigram embeddings learned from the training texts (PPMI-SVD, the article's w = Ex) appended as a dense block,
// the character block and the per-class offsets forced on, and the hidden-layer model averaged with the app.
import { createRng } from '@suite/shared/ml';
import { stemmer } from 'stemmer';
import { fitPpmiSvd } from '../../src/nlp/char-embeddings.ts';
import { analyzeText } from '../../src/nlp/text-cleaning.ts';
import { scoreInto, softmaxInPlace } from '../../src/nlp/linear-model.ts';
import { trainIntentClassifier, type IntentTrainOptions } from '../../src/nlp/train-intent-classifier.ts';
import type { Candidate } from './candidates.ts';
import { appProbabilities, average, memo, mlp } from './neural-candidates.ts';

export interface TokenBlock {
  /** `word`: the cleaned words; `char3`: character trigrams over " word word ", in order. */
  unit: 'word' | 'char3';
  k: number;
  window: number;
  weight: number;
  /** Symbols seen fewer times get no vector. */
  minCount: number;
  /** Message vector: plain mean, or each symbol weighted a / (a + p(symbol)) (Arora et al.'s SIF, a = 1e-3). */
  pooling: 'mean' | 'sif';
}

function units(text: string, unit: TokenBlock['unit']): string[] {
  const words = analyzeText(text);
  if (unit === 'word') return words;
  const s = ` ${words.join(' ')} `;
  const out: string[] = [];
  for (let i = 0; i + 3 <= s.length; i++) out.push(s.slice(i, i + 3));
  return out;
}

/** PPMI-SVD vectors of the training texts' words (or trigrams); a message is the unit mean of its symbols'. */
export function fitTokenBlock(texts: readonly string[], b: TokenBlock, seed = 1) {
  const counts = new Map<string, number>();
  const docs = texts.map((t) => units(t, b.unit));
  for (const d of docs) for (const w of d) counts.set(w, (counts.get(w) ?? 0) + 1);
  const index = new Map<string, number>();
  for (const [w, n] of counts) if (n >= b.minCount) index.set(w, index.size);
  const seqs = docs.map((d) => Int32Array.from(d.filter((w) => index.has(w)).map((w) => index.get(w)!)));
  const o = { dim: b.k, window: b.window, smoothing: 0.75, passes: 4 };
  const { dim, vectors } = fitPpmiSvd(seqs, index.size, o, createRng(seed));
  const total = [...counts.values()].reduce((a, n) => a + n, 0);
  const weight = new Float64Array(index.size);
  for (const [w, i] of index) weight[i] = b.pooling === 'sif' ? 1e-3 / (1e-3 + counts.get(w)! / total) : 1;
  return {
    dim,
    embed(text: string): Float32Array {
      const sum = new Float64Array(dim);
      for (const w of units(text, b.unit)) {
        const i = index.get(w);
        if (i === undefined) continue;
        for (let c = 0; c < dim; c++) sum[c] = sum[c]! + weight[i]! * vectors[i * dim + c]!;
      }
      const n = Math.hypot(...sum) || 1;
      return Float32Array.from(sum, (x) => x / n);
    },
  };
}

/** The blocks side by side, each scaled by its weight, as one dense vector. */
function fitBlocks(texts: readonly string[], bs: readonly TokenBlock[]) {
  const fitted = bs.map((b) => ({ b, e: fitTokenBlock(texts, b) }));
  return (text: string): Float32Array => {
    const parts = fitted.map(({ b, e }) => Array.from(e.embed(text), (x) => x * b.weight));
    return Float32Array.from(parts.flat());
  };
}

/** The app with the blocks in the sentence-embedding slot (weight 1: each block carries its own). */
export function appWithTokens(
  b: TokenBlock | TokenBlock[],
  options: Partial<IntentTrainOptions> = {},
): Candidate {
  return (fit, labels) => {
    const embed = fitBlocks(
      fit.map((r) => r.text),
      Array.isArray(b) ? b : [b],
    );
    const clf = trainIntentClassifier(
      fit.map((r) => ({ ...r, embedding: embed(r.text) })),
      // Measured before the hidden layer joined spaced sets by default: the linear model alone, as then.
      { hiddenLayer: false, ...options, embeddingWeight: 1 },
    );
    return (text) => {
      const out = new Float64Array(labels.length);
      out[labels.indexOf(clf.predict(text, embed(text)).intent)] = 1;
      return out;
    };
  };
}

/** The same, as calibrated probabilities (no offsets), for averaging. */
export function appWithTokensProbabilities(b: TokenBlock | TokenBlock[]): Candidate {
  return (fit, labels) => {
    const embed = fitBlocks(
      fit.map((r) => r.text),
      Array.isArray(b) ? b : [b],
    );
    const clf = trainIntentClassifier(
      fit.map((r) => ({ ...r, embedding: embed(r.text) })),
      { hiddenLayer: false, embeddingWeight: 1 },
    );
    const s = new Float64Array(labels.length);
    return (text) => {
      scoreInto(clf.data.model, clf.features(text, embed(text)), s);
      softmaxInPlace(s, clf.data.temperature);
      return Float64Array.from(s);
    };
  };
}

const W = (over: Partial<TokenBlock> = {}): TokenBlock => ({
  unit: 'word',
  k: 64,
  window: 2,
  weight: 0.3,
  minCount: 2,
  pooling: 'mean',
  ...over,
});
/** The spaced-script vectorizer the app picks for Banking77. */
const SPACED = { wordWeight: 1.5, punctuation: false } as const;

export function spacedCandidates(): Record<string, Candidate> {
  const appP = memo(appProbabilities());
  const e6 = memo(mlp(SPACED, { epochs: 6 }));
  const e6h32 = memo(mlp(SPACED, { epochs: 6, hidden: 32 }));
  const e4 = memo(mlp(SPACED, { epochs: 4 }));
  const words = { ...SPACED, charMin: 2, charMax: 1 };
  const w6 = memo(mlp(words, { epochs: 6 }));
  const w10 = memo(mlp(words, { epochs: 10 }));
  const e6s2 = memo(mlp(SPACED, { epochs: 6 }, 2));
  const out: Record<string, Candidate> = {
    'app, class offsets any script': appOf({ classOffsets: { scripts: 'any' } }),
    'app, char block any script': appOf({ charEmbeddings: { scripts: 'any' } }),
    'app + words k64 w2 0.3': appWithTokens(W()),
    'app + words k64 w2 0.5': appWithTokens(W({ weight: 0.5 })),
    'app + words k64 w2 0.2': appWithTokens(W({ weight: 0.2 })),
    'app + words k100 w4 0.3': appWithTokens(W({ k: 100, window: 4 })),
    'app + words k64 w2 0.3 sif': appWithTokens(W({ pooling: 'sif' })),
    'app + words k64 w5 0.3': appWithTokens(W({ window: 5 })),
    'app + char3 k64 w2 0.3': appWithTokens(W({ unit: 'char3', minCount: 2 })),
    'app + char3 k64 w4 0.3': appWithTokens(W({ unit: 'char3', window: 4 })),
    'app + words 0.3 + char3 0.3': appWithTokens([W(), W({ unit: 'char3' })]),
    'app + words 0.3 + char3 0.3, char block any': appWithTokens([W(), W({ unit: 'char3' })], {
      charEmbeddings: { scripts: 'any' },
    }),
    'app + words k32 w2 0.3': appWithTokens(W({ k: 32 })),
    'app + words k64 w2 0.3 min count 1': appWithTokens(W({ minCount: 1 })),
    'app (linear only)': appOf({}),
    'app, Porter stems instead of words': appOnText(porterOnly),
    'app, Porter stems appended': appOnText(porterAppended),
    'app with member, Porter stems instead of words': appOnText(porterOnly, {}),
    'app probabilities (spaced)': appP,
    'mlp spaced h64 e6': e6,
    'app + 0.3 mlp spaced h64 e6': average(appP, e6, 0.3),
    'app + 0.5 mlp spaced h64 e6': average(appP, e6, 0.5),
    'app + 0.5 mlp spaced h32 e6': average(appP, e6h32, 0.5),
    'app + 0.6 mlp spaced h32 e6': average(appP, e6h32, 0.6),
    'app + 0.6 mlp spaced h64 e6': average(appP, e6, 0.6),
    'app + 0.7 mlp spaced h64 e6': average(appP, e6, 0.7),
    'app + 0.5 mlp spaced h64 e4': average(appP, e4, 0.5),
    'app + 0.5 mlp spaced h64 e6 seed 2': average(appP, e6s2, 0.5),
    'mlp words h64 e6': w6,
    'app + 0.5 mlp words h64 e6': average(appP, w6, 0.5),
    'app + 0.5 mlp words h64 e10': average(appP, w10, 0.5),
  };
  return out;
}

/** The linear app on texts rewritten by `rewrite` (training and prediction alike). */
function appOnText(
  rewrite: (text: string) => string,
  options: Partial<IntentTrainOptions> = { hiddenLayer: false },
): Candidate {
  return (fit, labels) => {
    const clf = trainIntentClassifier(
      fit.map((r) => ({ ...r, text: rewrite(r.text) })),
      options,
    );
    return (text) => {
      const out = new Float64Array(labels.length);
      out[labels.indexOf(clf.predict(rewrite(text)).intent)] = 1;
      return out;
    };
  };
}

/** Porter stems (the `stemmer` package retrieval uses) instead of the words, or the words plus the stems that differ. */
export const porterOnly = (text: string) => analyzeText(text).map(stemmer).join(' ');
export const porterAppended = (text: string) => {
  const words = analyzeText(text);
  const extra = words.map(stemmer).filter((s, i) => s !== words[i]);
  return [...words, ...extra].join(' ');
};

function appOf(options: Partial<IntentTrainOptions>): Candidate {
  return (fit, labels) => {
    const clf = trainIntentClassifier(fit, { hiddenLayer: false, ...options });
    return (text) => {
      const out = new Float64Array(labels.length);
      out[labels.indexOf(clf.predict(text).intent)] = 1;
      return out;
    };
  };
}
