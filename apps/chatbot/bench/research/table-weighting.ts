// Candidates of 1 Dec 2026 (issue 11, SMP2018): the shipped character table's block as a weighted mean of the
// message's characters instead of the plain one, so that characters every message holds (我, 的, 一) say less than
// the rare ones a title is made of: idf from the fold's own texts, or SIF's a / (a + p(c)) (Arora et al. 2017) with p
// the character's frequency in them. Emulated in the sentence-embedding slot with the table itself turned off, at the
// table's weight (0.7); the plain mean in that slot checks the emulation against the app.
import { getShippedCharTable } from '../../src/nlp/shipped-char-table.ts';
import { trainIntentClassifier } from '../../src/nlp/train-intent-classifier.ts';
import type { Candidate } from './candidates.ts';

const normalise = (text: string): string => text.normalize('NFKC').toLowerCase();

type Weighting = { kind: 'plain' } | { kind: 'idf' } | { kind: 'sif'; a: number };

/** Weight of each character, learned from the training texts only. */
function characterWeights(texts: readonly string[], w: Weighting): (ch: string) => number {
  if (w.kind === 'plain') return () => 1;
  const df = new Map<string, number>();
  const tf = new Map<string, number>();
  let total = 0;
  for (const t of texts) {
    const chars = [...normalise(t)];
    for (const ch of chars) tf.set(ch, (tf.get(ch) ?? 0) + 1);
    for (const ch of new Set(chars)) df.set(ch, (df.get(ch) ?? 0) + 1);
    total += chars.length;
  }
  const n = texts.length;
  if (w.kind === 'idf') return (ch) => Math.log((1 + n) / (1 + (df.get(ch) ?? 0))) + 1;
  return (ch) => w.a / (w.a + (tf.get(ch) ?? 0) / total);
}

/** Unit-length weighted mean of the table vectors of a text's characters. */
function tableBlock(text: string, weight: (ch: string) => number): Float32Array {
  const t = getShippedCharTable().embeddings;
  const sum = new Float64Array(t.dim);
  for (const ch of normalise(text)) {
    const v = t.vector(ch);
    if (v === undefined) continue;
    const w = weight(ch);
    for (let c = 0; c < t.dim; c++) sum[c] = (sum[c] as number) + w * (v[c] as number);
  }
  let n = 0;
  for (const x of sum) n += x * x;
  n = Math.sqrt(n) || 1;
  return Float32Array.from(sum, (x) => x / n);
}

function appWithTable(w: Weighting, tableWeight = 0.7): Candidate {
  return (fit, labels) => {
    const weight = characterWeights(
      fit.map((r) => r.text),
      w,
    );
    const rows = fit.map((r) => ({ ...r, embedding: tableBlock(r.text, weight) }));
    const clf = trainIntentClassifier(rows, { charTable: false, embeddingWeight: tableWeight });
    return (text) => {
      const out = new Float64Array(labels.length);
      out[labels.indexOf(clf.predict(text, tableBlock(text, weight)).intent)] = 1;
      return out;
    };
  };
}

export function tableWeightingCandidates(): Record<string, Candidate> {
  return {
    'tw: table plain in the embedding slot': appWithTable({ kind: 'plain' }),
    'tw: table idf-weighted': appWithTable({ kind: 'idf' }),
    'tw: table sif 1e-3': appWithTable({ kind: 'sif', a: 1e-3 }),
    'tw: table sif 1e-4': appWithTable({ kind: 'sif', a: 1e-4 }),
    'tw: table idf-weighted, weight 1': appWithTable({ kind: 'idf' }, 1),
  };
}
