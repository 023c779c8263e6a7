// Candidates for Banking77 from English lexical knowledge available offline (issue 11, 1 Dec 2026): WordNet's morphy
// as a lemmatiser, WordNet word vectors as a dense block, WordNet synonyms as augmentation; and two hidden-layer
// members of different seeds. Each is paired with the shipped app (the member on).
import { analyzeText } from '../../src/nlp/text-cleaning.ts';
import { trainIntentClassifier, type IntentTrainOptions } from '../../src/nlp/train-intent-classifier.ts';
import type { Candidate } from './candidates.ts';
import { appProbabilities, average, memo, mlp } from './neural-candidates.ts';
import { createMorphyLemmatiser, readWordNet, type WordNet } from './wordnet-data.ts';
import {
  createWordNetBlock,
  fitWordNetVectors,
  FUNCTION_WORDS,
  type WordNetVectorOptions,
} from './wordnet-vectors.ts';
import { createRng } from '@suite/shared/ml';

let wordnet: WordNet | undefined;
/** Read once per process, on first use (about 20 s). */
export const getWordNet = (): WordNet => (wordnet ??= readWordNet());

let lemmatiser: ((word: string) => string) | undefined;
const lemma = (w: string) => (lemmatiser ??= createMorphyLemmatiser(getWordNet()))(w);

export const lemmasOnly = (text: string) => analyzeText(text).map(lemma).join(' ');
export const lemmasAppended = (text: string) => {
  const words = analyzeText(text);
  const extra = words.map(lemma).filter((s, i) => s !== words[i]);
  return [...words, ...extra].join(' ');
};

/** The app (member on unless `options` say otherwise) on texts rewritten by `rewrite`, training and prediction alike. */
export function appOnRewrite(
  rewrite: (text: string) => string,
  options: Partial<IntentTrainOptions> = {},
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

const blocks = new Map<string, (words: readonly string[]) => Float32Array>();
/** WordNet's vectors (fitted once per process: they never see a training text) as a message block. */
function wordNetBlock(o: Partial<WordNetVectorOptions>) {
  const key = JSON.stringify(o);
  let b = blocks.get(key);
  if (b === undefined) blocks.set(key, (b = createWordNetBlock(fitWordNetVectors(getWordNet(), o), lemma)));
  return b;
}

/** The app (member on) with WordNet's block in the sentence-embedding slot (the linear model only) at `weight`. */
export function appWithWordNet(o: Partial<WordNetVectorOptions>, weight: number): Candidate {
  return (fit, labels) => {
    const block = wordNetBlock(o);
    const embed = (text: string) => block(analyzeText(text));
    const clf = trainIntentClassifier(
      fit.map((r) => ({ ...r, embedding: embed(r.text) })),
      { embeddingWeight: weight },
    );
    return (text) => {
      const out = new Float64Array(labels.length);
      out[labels.indexOf(clf.predict(text, embed(text)).intent)] = 1;
      return out;
    };
  };
}

/**
 * WordNet synonyms of a word: the other single-word members, seen in the tagged corpora, of the most frequent sense
 * of its lemma's most frequent part of speech (the lemma form: inflection is lost).
 */
function synonymsOf(word: string): string[] {
  const wn = getWordNet();
  const byPos = wn.index.get(lemma(word));
  if (byPos === undefined || FUNCTION_WORDS.has(word)) return [];
  const [entry] = [...byPos.values()].sort((a, b) => b.tagCount - a.tagCount);
  const first = entry?.synsets[0];
  const members = first === undefined ? [] : (wn.synsets.get(first)?.words ?? []);
  const tagged = (w: string) => [...(wn.index.get(w)?.values() ?? [])].some((e) => e.tagCount > 0);
  return members.filter((w) => /^[a-z]+$/.test(w) && w !== lemma(word) && tagged(w));
}

/** The app trained on its rows plus `copies` variants of each, words swapped for a WordNet synonym at rate `p`. */
export function appWithSynonymCopies(p: number, copies: number): Candidate {
  return (fit, labels) => {
    const rng = createRng(5);
    const extra = fit
      .flatMap((r) =>
        Array.from({ length: copies }, () => {
          const words = analyzeText(r.text).map((w) => {
            const alt = synonymsOf(w);
            return alt.length > 0 && rng.next() < p ? (alt[rng.nextInt(alt.length)] as string) : w;
          });
          return { ...r, text: words.join(' ') };
        }),
      )
      .filter((r, i) => r.text !== analyzeText(fit[Math.floor(i / copies)]!.text).join(' '));
    const clf = trainIntentClassifier([...fit, ...extra]);
    return (text) => {
      const out = new Float64Array(labels.length);
      out[labels.indexOf(clf.predict(text).intent)] = 1;
      return out;
    };
  };
}

/** The spaced-script vectorizer the app picks for Banking77. */
const SPACED_VECTORIZER = { wordWeight: 1.5, punctuation: false } as const;

export function lexicalCandidates(): Record<string, Candidate> {
  const appP = memo(appProbabilities());
  const e4 = memo(mlp(SPACED_VECTORIZER, { epochs: 4 }));
  const e4s2 = memo(mlp(SPACED_VECTORIZER, { epochs: 4 }, 2));
  const e4s3 = memo(mlp(SPACED_VECTORIZER, { epochs: 4 }, 3));
  const e6 = memo(mlp(SPACED_VECTORIZER, { epochs: 6 }));
  const e6s2 = memo(mlp(SPACED_VECTORIZER, { epochs: 6 }, 2));
  const h128 = memo(mlp(SPACED_VECTORIZER, { epochs: 4, hidden: 128 }));
  return {
    'app (shipped, member on)': appOnRewrite((t) => t),
    'app, morphy lemmas instead of words': appOnRewrite(lemmasOnly),
    'app, morphy lemmas appended': appOnRewrite(lemmasAppended),
    'app + wordnet k64 all 0.3': appWithWordNet({}, 0.3),
    'app + wordnet k64 all 0.5': appWithWordNet({}, 0.5),
    'app + wordnet k64 tagged 0.3': appWithWordNet({ minTagCount: 1 }, 0.3),
    'app + wordnet k64 tagged 0.5': appWithWordNet({ minTagCount: 1 }, 0.5),
    'app + wordnet k32 all 0.3': appWithWordNet({ dim: 32 }, 0.3),
    'app + wordnet k32 tagged 0.3': appWithWordNet({ minTagCount: 1, dim: 32 }, 0.3),
    'app + wordnet synonym copies p 0.3 x1': appWithSynonymCopies(0.3, 1),
    'r: app + 0.5 e4': average(appP, e4, 0.5),
    'r: app + 0.5 (e4, e4 seed 2)': average(appP, average(e4, e4s2, 0.5), 0.5),
    'r: app + 0.6 (e4, e4 seed 2)': average(appP, average(e4, e4s2, 0.5), 0.6),
    'r: app + 0.67 (e4, e4 s2, e4 s3)': average(appP, average(average(e4, e4s2, 0.5), e4s3, 1 / 3), 2 / 3),
    'r: app + 0.5 (e6, e6 seed 2)': average(appP, average(e6, e6s2, 0.5), 0.5),
    'r: app + 0.5 h128 e4': average(appP, h128, 0.5),
  };
}
