// Candidates for the last points toward 93% on SMP2018 (issue 11), on top of the character block: logit adjustment
// and a class offset (chat swallows unknown titles), character embeddings from an outside word list (jieba's
// dictionary, Debian's python3-jieba), and the hidden-layer model averaged in, always or only when the app is unsure.
import { readFileSync } from 'node:fs';
import { createRng } from '@suite/shared/ml';
import { scoreInto, softmaxInPlace } from '../../src/nlp/linear-model.ts';
import { trainIntentClassifier } from '../../src/nlp/train-intent-classifier.ts';
import type { Candidate } from './candidates.ts';
import { heldOutOffsets } from './class-offsets.ts';
import { fitCharEmbeddings, type CharEmbeddings } from '../../src/nlp/char-embeddings.ts';
import { appWithChars, average, memo, mlp, UNSPACED, type CharBlock } from './neural-candidates.ts';

/** Where the outside word list is read from (one `word frequency tag` a line, jieba's format). */
const WORD_LIST = process.env.SUITE_WORD_LIST ?? '/usr/lib/python3/dist-packages/jieba/dict.txt';

const corpora = new Map<string, CharEmbeddings>();
/** PPMI-SVD character embeddings of the word list's words (k 32 and window 3 inside each word by default). */
export function getCorpusChars(k = 32, window = 3): CharEmbeddings {
  const key = `${k} ${window}`;
  const known = corpora.get(key);
  if (known !== undefined) return known;
  const words: string[] = [];
  for (const line of readFileSync(WORD_LIST, 'utf8').split('\n')) {
    const w = line.split(' ')[0];
    if (w !== undefined && w.length >= 2) words.push(w);
  }
  const e = fitCharEmbeddings(words, { dim: k, window }, createRng(7));
  corpora.set(key, e);
  return e;
}

/** The word list's block for {@link mlp}, built on first use. */
function lazyList(): { embed(text: string): Float32Array; dim: number } {
  return { embed: (text) => getCorpusChars().embed(text), dim: 32 };
}

/** Probabilities times prior^-tau, renormalised (logit adjustment, Menon et al. 2021, with fitted priors). */
export function logitAdjusted(c: Candidate, tau: number): Candidate {
  return (fit, labels) => {
    const prior = new Float64Array(labels.length);
    for (const r of fit) {
      const k = labels.indexOf(r.intent);
      prior[k] = (prior[k] as number) + 1 / fit.length;
    }
    const scorer = c(fit, labels);
    return (text) => {
      const p = scorer(text);
      let z = 0;
      for (let k = 0; k < p.length; k++) z += p[k] = (p[k] as number) * (prior[k] as number) ** -tau;
      for (let k = 0; k < p.length; k++) p[k] = (p[k] as number) / z;
      return p;
    };
  };
}

/** One class's probability times `factor`, renormalised. */
export function classScaled(c: Candidate, label: string, factor: number): Candidate {
  return (fit, labels) => {
    const at = labels.indexOf(label);
    const scorer = c(fit, labels);
    return (text) => {
      const p = scorer(text);
      const z = 1 + (p[at] as number) * (factor - 1);
      p[at] = (p[at] as number) * factor;
      for (let k = 0; k < p.length; k++) p[k] = (p[k] as number) / z;
      return p;
    };
  };
}

/** `a` where its top probability is at least `threshold`, else the average (1 - w) a + w b. */
export function gated(a: Candidate, b: Candidate, w: number, threshold: number): Candidate {
  return (fit, labels) => {
    const sa = a(fit, labels);
    const sb = b(fit, labels);
    return (text) => {
      const p = sa(text);
      if (Math.max(...p) >= threshold) return p;
      const q = sb(text);
      return p.map((x, k) => (1 - w) * x + w * (q[k] as number));
    };
  };
}

/**
 * The app with its own character block at weight `own` (0: none) and the outside word list's character vectors as
 * its sentence embedding at weight `outside` (0: none), side by side.
 */
export function appWithCorpusChars(
  own: number,
  outside: number,
  chars: Omit<CharBlock, 'weight'>,
  corpus: Parameters<typeof getCorpusChars> = [],
): Candidate {
  return appWithOutsideChars(own, outside, chars, () => getCorpusChars(...corpus));
}

/** {@link appWithCorpusChars} with any outside character table (`table` is called once per training). */
export function appWithOutsideChars(
  own: number,
  outside: number,
  chars: Omit<CharBlock, 'weight'>,
  table: () => CharEmbeddings,
): Candidate {
  return (fit, labels) => {
    const c = table();
    const embed = (text: string) => (outside > 0 ? c.embed(text) : undefined);
    const examples = fit.map((r) => ({ ...r, embedding: embed(r.text) }));
    const clf = trainIntentClassifier(examples, {
      embeddingWeight: outside,
      // Scored below by the model and temperature alone, so without the table (30 Nov 20:00) and the class offsets
      // (30 Nov 18:30; they were trained and never applied here until this was said).
      charTable: false,
      classOffsets: false,
      charEmbeddings: own > 0 ? { dim: chars.k, window: chars.window, weight: own, scripts: 'any' } : false,
    });
    const s = new Float64Array(clf.labels.length);
    const map = labels.map((l) => clf.labels.indexOf(l));
    return (text) => {
      scoreInto(clf.data.model, clf.features(text, embed(text)), s);
      softmaxInPlace(s, clf.data.temperature);
      return Float64Array.from(map, (j) => (j < 0 ? 0 : (s[j] as number)));
    };
  };
}

/** The candidates of this family (memoised per fold), the character-block app first as their reference. */
export function gapCandidates(): Record<string, Candidate> {
  const block = { k: 32, window: 2 };
  const charApp = memo(appWithChars({ ...block, weight: 0.3 }));
  const charMlp = memo(mlp(UNSPACED, { epochs: 6 }, 1, { ...block, weight: 0.5 }));
  const both = average(charApp, charMlp, 0.5);
  const out: Record<string, Candidate> = {
    'chars app': charApp,
    'chars app + 0.5 chars mlp': both,
  };
  for (const tau of [0.25, 0.5, 1]) {
    out[`chars app, logit adjusted tau ${tau}`] = logitAdjusted(charApp, tau);
    out[`chars app + 0.5 chars mlp, logit adjusted tau ${tau}`] = logitAdjusted(both, tau);
  }
  for (const t of [0.5, 0.7, 0.9])
    out[`chars app, chars mlp 0.5 below ${t}`] = gated(charApp, charMlp, 0.5, t);
  const wordList = memo(appWithCorpusChars(0.3, 0.3, block));
  for (const [own, outside] of [
    [0, 0.3],
    [0.3, 0.3],
    [0.3, 0.15],
    [0.2, 0.2],
  ] as const)
    out[`app + own chars ${own} + word-list chars ${outside}`] =
      own === 0.3 && outside === 0.3 ? wordList : memo(appWithCorpusChars(own, outside, block));
  out['app + own chars 0.3 + word-list chars 0.3 (k 64)'] = memo(appWithCorpusChars(0.3, 0.3, block, [64]));
  out['app + own chars 0.3 + word-list chars 0.3 (window 2)'] = memo(
    appWithCorpusChars(0.3, 0.3, block, [32, 2]),
  );
  out['app + own chars 0.3 + word-list chars 0.5'] = memo(appWithCorpusChars(0.3, 0.5, block));
  const listMlp = memo(
    mlp(UNSPACED, { epochs: 6 }, 1, { ...block, weight: 0.5 }, { ...lazyList(), weight: 0.5 }),
  );
  const charMlp2 = memo(mlp(UNSPACED, { epochs: 6 }, 2, { ...block, weight: 0.5 }));
  const more: Record<string, Candidate> = {
    'word-list app + 0.5 word-list mlp': average(wordList, listMlp, 0.5),
    'word-list app + 0.5 mean of chars mlp seeds 1, 2': average(
      wordList,
      average(charMlp, charMlp2, 0.5),
      0.5,
    ),
  };
  const bases: Record<string, Candidate> = {
    ...more,
    'chars app': charApp,
    'chars app + 0.5 chars mlp': both,
    'word-list app': wordList,
    'word-list app + 0.5 chars mlp': average(wordList, charMlp, 0.5),
  };
  for (const [name, base] of Object.entries(bases)) out[name] ??= base;
  for (const [name, base] of Object.entries(bases))
    for (const f of [0.8, 0.6, 0.4, 0.3, 0.2, 0.1])
      out[`${name}, chat x ${f}`] = classScaled(base, 'chat', f);
  // Offsets fitted on a held-out share (the base trained a second time without it).
  for (const [fraction, lambda] of [
    [0.1, 0.1],
    [0.1, 0.01],
    [0.2, 0.1],
    [0.2, 0.01],
    [0.1, 1],
    [0.2, 0.003],
    [0.2, 0.001],
    [0.1, 0.003],
  ] as const)
    out[`chars app, offsets on a ${fraction} share, lambda ${lambda}`] = heldOutOffsets(
      charApp,
      fraction,
      lambda,
    );
  for (const [name, base] of Object.entries(bases))
    for (const lambda of [0.01, 0.003])
      out[`${name}, offsets on a 0.2 share, lambda ${lambda}`] = heldOutOffsets(base, 0.2, lambda);
  return out;
}
