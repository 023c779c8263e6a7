// Candidates whose outside character vectors come from the tables lm-char-tables.ts wrote (SUITE_CHAR_TABLE_DIR):
// the app with its own character block at 0.3 and a table at 0.3 beside it, as jieba's word list was measured.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createCharEmbeddings, type CharEmbeddings } from '../../src/nlp/char-embeddings.ts';
import { trainIntentClassifier } from '../../src/nlp/train-intent-classifier.ts';
import type { Candidate } from './candidates.ts';
import { appWithOutsideChars, getCorpusChars } from './gap-candidates.ts';
import { appProbabilities, memo } from './neural-candidates.ts';
import { charTableEmbeddings, decodeCharTable, quantiseCharTable } from '../../src/nlp/char-table.ts';
import { wordEmbedder } from './lm-word-tables.ts';

const DIR = process.env.SUITE_CHAR_TABLE_DIR ?? '/tmp/lm-char-tables';

const loaded = new Map<string, CharEmbeddings>();
/** A table written by lm-char-tables.ts, read once. */
export function loadTable(name: string): CharEmbeddings {
  const known = loaded.get(name);
  if (known !== undefined) return known;
  const head = JSON.parse(readFileSync(`${DIR}/${name}.json`, 'utf8')) as {
    chars?: string;
    words?: string[];
    dim: number;
  };
  const raw = readFileSync(`${DIR}/${name}.f32`);
  const vectors = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const e =
    head.words === undefined
      ? createCharEmbeddings({ chars: head.chars ?? '', dim: head.dim, vectors })
      : wordEmbedder({ words: head.words, dim: head.dim, vectors });
  loaded.set(name, e);
  return e;
}

/**
 * A table quantised as data/char-table.bin stores it, ready for the app's `charTable` option; `<name>.bin` in the
 * directory is such a file already (e.g. an earlier data/char-table.bin).
 */
function inApp(name: string) {
  const file = `${DIR}/${name}.bin`;
  const table = existsSync(file)
    ? decodeCharTable(new Uint8Array(readFileSync(file)))
    : quantiseCharTable(name, name, loadTable(name).state);
  return { table, embeddings: charTableEmbeddings(table) };
}

/** Two tables side by side as one embedding (each unit length, so each weighs the same). */
function joined(a: () => CharEmbeddings, b: () => CharEmbeddings): () => CharEmbeddings {
  let j: CharEmbeddings | undefined;
  return () => {
    if (j !== undefined) return j;
    const x = a();
    const y = b();
    const dim = x.dim + y.dim;
    const embed = (text: string) => {
      const out = new Float32Array(dim);
      out.set(x.embed(text));
      out.set(y.embed(text), x.dim);
      const n = Math.hypot(...out) || 1;
      return out.map((v) => v / n);
    };
    return (j = { state: x.state, dim, vector: () => undefined, embed });
  };
}

export function lmCandidates(): Record<string, Candidate> {
  const out: Record<string, Candidate> = {};
  if (!existsSync(DIR)) return out;
  const block = { k: 32, window: 2 };
  for (const f of readdirSync(DIR)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const name = f.slice(0, -5);
    for (const w of [0.3, 0.5, 0.7, 1])
      out[`app + own chars 0.3 + table ${name} ${w}`] = memo(
        appWithOutsideChars(0.3, w, block, () => loadTable(name)),
      );
    out[`app + own chars 0.3 + word-list and table ${name} 0.42`] = memo(
      appWithOutsideChars(
        0.3,
        0.42,
        block,
        joined(
          () => getCorpusChars(),
          () => loadTable(name),
        ),
      ),
    );
  }
  // In the app's own form: the table quantised as data/char-table.bin stores it, in place of the shipped one.
  for (const f of readdirSync(DIR)
    .filter((n) => /\.(json|bin)$/.test(n))
    .sort()) {
    const name = f.replace(/\.(json|bin)$/, '');
    for (const w of [0.3, 0.5, 0.7]) {
      // Scored without the class offsets (appProbabilities applies the temperature only): measured, misleading.
      out[`app, char table ${name} ${w}, no offsets at prediction`] = (fit, labels) =>
        appProbabilities({ charTable: { table: inApp(name), weight: w } })(fit, labels);
      // The app's own predict path, as intent-cv.ts's "app": offsets and all.
      out[`app, char table ${name} ${w}`] = (fit, labels) => {
        const clf = trainIntentClassifier(fit, { charTable: { table: inApp(name), weight: w } });
        return (text) => {
          const p = new Float64Array(labels.length);
          p[labels.indexOf(clf.predict(text).intent)] = 1;
          return p;
        };
      };
    }
  }
  // Pairs of tables side by side: SUITE_TABLE_PAIRS='a+b,c+d'.
  for (const pair of (process.env.SUITE_TABLE_PAIRS ?? '').split(',').filter((p) => p !== '')) {
    const [a, b] = pair.split('+') as [string, string];
    for (const w of [0.5, 0.7])
      out[`app + own chars 0.3 + tables ${a} and ${b} ${w}`] = memo(
        appWithOutsideChars(
          0.3,
          w,
          block,
          joined(
            () => loadTable(a),
            () => loadTable(b),
          ),
        ),
      );
  }
  return out;
}
