// Candidates of issue 11 (1 Dec 2026, 14:00 UTC) on the data and inference side: a retrieval member (cosine nearest
// neighbours among the fold's training messages, over the app's own feature vectors or their TF-IDF part only)
// averaged with the app's calibrated probabilities before its class offsets, and cheap augmentation of the intents
// with few examples (a word dropped, two neighbouring words swapped, a character dropped: copies appended to the
// fold's rows). Research form: the app trains as shipped; nothing here is in src/.
import { createRng } from '@suite/shared/ml';
import { createVectorizer, type SparseVector } from '../../src/nlp/tfidf-vectorizer.ts';
import { trainIntentClassifier } from '../../src/nlp/train-intent-classifier.ts';
import type { IntentRow } from '../intent-data.ts';
import type { Candidate } from './candidates.ts';
import { appParts, type AppParts } from './distill-candidates.ts';

/** The app of one fold, trained once and shared by every retrieval candidate of the run. */
const apps = new WeakMap<object, { parts: AppParts; xs: SparseVector[] }>();
export function appOfFold(fit: IntentRow[]) {
  let hit = apps.get(fit);
  if (hit === undefined) {
    const parts = appParts(trainIntentClassifier(fit));
    apps.set(fit, (hit = { parts, xs: fit.map((r) => parts.features(r.text)) }));
  }
  return hit;
}

export interface RetrievalSpec {
  /** `full`: the app's whole feature vector; `tfidf`: its TF-IDF columns only, renormalised. */
  part: 'full' | 'tfidf';
  /** Neighbours kept. */
  m: number;
  /** A neighbour votes exp(cos / tau) for its label. */
  tau: number;
  /** Weight of the neighbours' distribution in the average with the app (0: the app itself, an emulation check). */
  weight: number;
  /** The member speaks only when the nearest neighbour's cosine reaches this (0: always). */
  gate: number;
}

/** The feature vector (`full`) or its TF-IDF columns (below `vdim`), unit length. */
function project(x: SparseVector, part: RetrievalSpec['part'], vdim: number): SparseVector {
  const keep: number[] = [];
  let norm = 0;
  x.indices.forEach((col, i) => {
    if (part === 'tfidf' && col >= vdim) return;
    keep.push(i);
    norm += (x.values[i] as number) ** 2;
  });
  const s = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return {
    indices: Int32Array.from(keep, (i) => x.indices[i] as number),
    values: Float32Array.from(keep, (i) => (x.values[i] as number) * s),
  };
}

/** The app averaged with a cosine nearest-neighbour vote over the fold's training messages. */
export function withRetrieval(spec: RetrievalSpec): Candidate {
  return (fit, labels) => {
    const { parts, xs } = appOfFold(fit);
    const classes = labels.length;
    if (labels.some((l, k) => parts.clf.labels[k] !== l)) throw new Error('label order differs');
    const ys = Int32Array.from(fit, (r) => labels.indexOf(r.intent));
    const vdim = createVectorizer(parts.clf.data.vectorizer).dim;
    // Inverted index: column -> (row, value) pairs, as flat arrays per column.
    const lists = new Map<number, { rows: number[]; vals: number[] }>();
    xs.forEach((x0, i) => {
      const x = project(x0, spec.part, vdim);
      x.indices.forEach((col, j) => {
        let l = lists.get(col);
        if (l === undefined) lists.set(col, (l = { rows: [], vals: [] }));
        l.rows.push(i);
        l.vals.push(x.values[j] as number);
      });
    });
    const sims = new Float64Array(fit.length);
    const q = new Float64Array(classes);
    return (text) => {
      const x = parts.features(text);
      const p = new Float64Array(classes);
      parts.probabilities(x, p);
      if (spec.weight > 0) {
        sims.fill(0);
        const y = project(x, spec.part, vdim);
        y.indices.forEach((col, j) => {
          const l = lists.get(col);
          if (l === undefined) return;
          const v = y.values[j] as number;
          for (let n = 0; n < l.rows.length; n++) {
            const i = l.rows[n] as number;
            sims[i] = (sims[i] as number) + v * (l.vals[n] as number);
          }
        });
        const top = topIndices(sims, spec.m);
        const best = top.length > 0 ? (sims[top[0] as number] as number) : 0;
        if (top.length > 0 && best > 0 && best >= spec.gate) {
          q.fill(0);
          let z = 0;
          for (const i of top) {
            const s = sims[i] as number;
            if (s <= 0) continue;
            const e = Math.exp((s - best) / spec.tau);
            const k = ys[i] as number;
            q[k] = (q[k] as number) + e;
            z += e;
          }
          const w = spec.weight;
          for (let k = 0; k < classes; k++) p[k] = (1 - w) * (p[k] as number) + (w * (q[k] as number)) / z;
        }
      }
      parts.applyOffsets(p);
      return p;
    };
  };
}

/** Indices of the m largest values, largest first. */
function topIndices(a: Float64Array, m: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const v = a[i] as number;
    if (v <= 0) continue;
    if (top.length === m && v <= (a[top[m - 1] as number] as number)) continue;
    let at = top.length === m ? m - 1 : top.length;
    if (top.length < m) top.push(i);
    while (at > 0 && (a[top[at - 1] as number] as number) < v) {
      top[at] = top[at - 1] as number;
      at--;
    }
    top[at] = i;
  }
  return top;
}

export interface AugmentSpec {
  /** Intents with fewer training rows than this get copies. */
  below: number;
  /** Copies per row. */
  variants: number;
  /** What a copy changes. */
  ops: ('drop-word' | 'swap-words' | 'drop-char')[];
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** One changed copy of `text`, or undefined when the text is too short for the operation drawn. */
export function augmentText(text: string, op: AugmentSpec['ops'][number], next: () => number) {
  const pick = (n: number) => Math.floor(next() * n);
  if (op === 'drop-char') {
    const chars = [...text];
    if (chars.length < 4) return undefined;
    chars.splice(pick(chars.length), 1);
    return chars.join('');
  }
  const words = [...segmenter.segment(text)].map((s) => s.segment);
  if (words.length < 3) return undefined;
  if (op === 'drop-word') words.splice(pick(words.length), 1);
  else {
    const i = pick(words.length - 1);
    [words[i], words[i + 1]] = [words[i + 1] as string, words[i] as string];
  }
  const out = words.join('');
  return out === text ? undefined : out;
}

/** The app trained on the fold's rows plus copies of the rows of its small intents. */
export function withSmallClassCopies(spec: AugmentSpec): Candidate {
  return (fit) => {
    const counts = new Map<string, number>();
    for (const r of fit) counts.set(r.intent, (counts.get(r.intent) ?? 0) + 1);
    const rng = createRng(31);
    const extra: IntentRow[] = [];
    for (const r of fit) {
      if ((counts.get(r.intent) ?? 0) >= spec.below) continue;
      for (let v = 0; v < spec.variants; v++) {
        const op = spec.ops[Math.floor(rng.next() * spec.ops.length)] as AugmentSpec['ops'][number];
        const text = augmentText(r.text, op, () => rng.next());
        if (text !== undefined) extra.push({ ...r, text });
      }
    }
    const clf = trainIntentClassifier([...fit, ...extra]);
    return (text) => {
      const out = new Float64Array(clf.labels.length);
      out[clf.labels.indexOf(clf.predict(text).intent)] = 1;
      return out;
    };
  };
}

const HAN_DIGITS = '零一二三四五六七八九';

/** Every ASCII digit written as its Chinese numeral (per digit: "15选5" -> "一五选五"), in training and at prediction. */
export function hanDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => HAN_DIGITS[Number(d)] as string);
}

/** The app trained and asked on texts passed through `normalise`. */
export function withNormalised(normalise: (text: string) => string): Candidate {
  return (fit) => {
    const clf = trainIntentClassifier(fit.map((row) => ({ ...row, text: normalise(row.text) })));
    return (text) => {
      const out = new Float64Array(clf.labels.length);
      out[clf.labels.indexOf(clf.predict(normalise(text)).intent)] = 1;
      return out;
    };
  };
}

const r = (part: RetrievalSpec['part'], m: number, tau: number, weight: number, gate = 0) =>
  withRetrieval({ part, m, tau, weight, gate });

/** The registry (`intent-cv.ts --only='rt: app|rt: ...'`); "rt: app" is the shipped app through the parts. */
export function retrievalCandidates(): Record<string, Candidate> {
  const all = ['drop-word', 'swap-words', 'drop-char'] as AugmentSpec['ops'];
  return {
    'rt: app': r('full', 1, 1, 0),
    'rt: knn full m5 t0.05 w0.2': r('full', 5, 0.05, 0.2),
    'rt: knn full m5 t0.05 w0.35': r('full', 5, 0.05, 0.35),
    'rt: knn full m10 t0.1 w0.35': r('full', 10, 0.1, 0.35),
    'rt: knn full m5 t0.05 w0.5': r('full', 5, 0.05, 0.5),
    'rt: knn tfidf m5 t0.05 w0.2': r('tfidf', 5, 0.05, 0.2),
    'rt: knn tfidf m5 t0.05 w0.35': r('tfidf', 5, 0.05, 0.35),
    'rt: knn tfidf m10 t0.1 w0.35': r('tfidf', 10, 0.1, 0.35),
    'rt: 1nn full w0.5 gate 0.8': r('full', 1, 1, 0.5, 0.8),
    'rt: 1nn tfidf w0.5 gate 0.7': r('tfidf', 1, 1, 0.5, 0.7),
    'rt: aug below 40 x1 all ops': withSmallClassCopies({ below: 40, variants: 1, ops: all }),
    'rt: aug below 40 x2 all ops': withSmallClassCopies({ below: 40, variants: 2, ops: all }),
    'rt: aug below 40 x1 words': withSmallClassCopies({
      below: 40,
      variants: 1,
      ops: ['drop-word', 'swap-words'],
    }),
    'rt: digits as han numerals': withNormalised(hanDigits),
    'rt: aug below 60 x1 all ops': withSmallClassCopies({ below: 60, variants: 1, ops: all }),
  };
}
