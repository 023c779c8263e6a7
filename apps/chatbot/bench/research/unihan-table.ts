// A character table from what Unicode's Unihan database says a character means (issue 11, 1 Dec 2026): each Han
// character against the English words of its kDefinition (and of its traditional variants', so 电 gets 電's
// "electricity; electric; lightning"), optionally against its radical, PPMI then the app's randomised SVD. A source
// of meaning unlike the co-occurrence tables the app ships (data/README.md), under the permissive Unicode licence.
// Built by debian-char-tables.ts (needs `apt-get install unicode-data`).
import { execFileSync } from 'node:child_process';
import { createRng } from '@suite/shared/ml';
import type { CharEmbeddingState } from '../../src/nlp/char-embeddings.ts';
import { charTableEmbeddings, encodeCharTable, quantiseCharTable } from '../../src/nlp/char-table.ts';
import { getShippedCharTable } from '../../src/nlp/shipped-char-table.ts';
import { createCounts, ppmiSvd } from '../../src/nlp/sparse-ppmi-svd.ts';

const UNIHAN = '/usr/share/unicode';

/** `U+XXXX<TAB>field<TAB>value` lines of one bzip2'd Unihan file, for the fields asked. */
function unihanFields(file: string, fields: readonly string[]): Map<string, Map<string, string>> {
  const text = execFileSync('bzcat', [`${UNIHAN}/${file}`], { maxBuffer: 1 << 28 }).toString('utf8');
  const out = new Map<string, Map<string, string>>();
  for (const line of text.split('\n')) {
    const [cp, field, value] = line.split('\t');
    if (value === undefined || !fields.includes(field as string)) continue;
    const ch = String.fromCodePoint(parseInt((cp as string).slice(2), 16));
    let m = out.get(ch);
    if (m === undefined) out.set(ch, (m = new Map()));
    m.set(field as string, value);
  }
  return out;
}

// Words of a definition that say nothing about meaning.
const STOP = new Set(
  'a an the of to in on or and as at by for with from be is are used also same variant surname name radical kangxi ' +
    'one who which that this its it etc e g i u character chinese used'.split(' '),
);

function glossWords(definition: string): string[] {
  return (definition.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => w.length > 2 && !STOP.has(w));
}

export interface UnihanTableOptions {
  dim: number;
  /** Weight of the radical as one more context (0: meanings only). */
  radical: number;
  /** Add the traditional variants' definitions to a simplified character's. */
  variants: boolean;
}

export function unihanTable(o: UnihanTableOptions): CharEmbeddingState {
  const readings = unihanFields('Unihan_Readings.txt.bz2', ['kDefinition']);
  const variants = unihanFields('Unihan_Variants.txt.bz2', ['kTraditionalVariant']);
  const radicals = unihanFields('Unihan_IRGSources.txt.bz2', ['kRSUnicode']);
  const definition = (c: string) => readings.get(c)?.get('kDefinition') ?? '';
  const chars: string[] = [];
  const words = new Map<string, number>();
  const rows: { ch: string; ctx: Map<string, number> }[] = [];
  for (const [ch, m] of readings) {
    const ctx = new Map<string, number>();
    const add = (key: string, w: number) => ctx.set(key, (ctx.get(key) ?? 0) + w);
    for (const w of glossWords(m.get('kDefinition') ?? '')) add(w, 1);
    if (o.variants)
      for (const v of (variants.get(ch)?.get('kTraditionalVariant') ?? '').split(' ')) {
        if (!v.startsWith('U+')) continue;
        const t = String.fromCodePoint(parseInt(v.slice(2), 16));
        if (t !== ch) for (const w of glossWords(definition(t))) add(w, 1);
      }
    const rs = radicals.get(ch)?.get('kRSUnicode')?.split(/[.\s]/)[0];
    if (o.radical > 0 && rs !== undefined) add(`radical:${rs.replace("'", '')}`, o.radical);
    if (ctx.size === 0) continue;
    for (const key of ctx.keys()) if (!words.has(key)) words.set(key, words.size);
    chars.push(ch);
    rows.push({ ch, ctx });
  }
  const counts = createCounts(words.size);
  rows.forEach(({ ctx }, r) => {
    for (const [key, w] of ctx) counts.add(r, words.get(key) as number, w);
  });
  const { dim, vectors } = ppmiSvd(
    counts,
    rows.length,
    { dim: o.dim, smoothing: 0.75, passes: 4 },
    createRng(7),
  );
  return { chars: chars.join(''), dim, vectors };
}

/** The shipped table's two halves and `extra` side by side, each part unit length, quantised as shipped. */
export function besideShipped(extra: CharEmbeddingState, name: string): Uint8Array {
  const { table } = getShippedCharTable();
  const shipped = charTableEmbeddings(table);
  const ex = charTableEmbeddings(quantiseCharTable(name, name, extra));
  const chars = [...new Set([...table.chars, ...[...extra.chars].filter((c) => /\p{Script=Han}/u.test(c))])];
  const half = table.dim / 2;
  const dim = table.dim + extra.dim;
  const vectors = new Float32Array(chars.length * dim);
  const unit = (v: Float32Array, at: number) => {
    const n = Math.hypot(...v);
    if (n > 0) v.forEach((x, i) => (vectors[at + i] = x / n));
  };
  chars.forEach((c, r) => {
    const s = shipped.vector(c);
    if (s !== undefined) {
      unit(s.slice(0, half), r * dim);
      unit(s.slice(half), r * dim + half);
    }
    const e = ex.vector(c);
    if (e !== undefined) unit(e.slice(), r * dim + table.dim);
  });
  return encodeCharTable(quantiseCharTable(name, name, { chars: chars.join(''), dim, vectors }));
}
