// A named character -> vector table built outside training (from a word list, a language model...) and shipped as
// a compact file: int8 codes, one row per character, each row's direction being what counts.
import { createCharEmbeddings, type CharEmbeddings, type CharEmbeddingState } from './char-embeddings.ts';

const MAGIC = 0x42545643; // "CVTB"
const FORMAT_VERSION = 1;

/** A character table as stored: what it is called, where it came from, and its quantised rows. */
export interface CharTable {
  /** Short identifier (kept in classifiers trained with it), e.g. `jieba-dict-0.42.1-ppmi32`. */
  name: string;
  /** Where the vectors came from and under which licence: free text that travels with the table. */
  source: string;
  dim: number;
  /** The characters with a vector, one code point each, in row order. */
  chars: string;
  /** Rows of `dim` codes in -127..127, row-major; a row is scaled to fill the range (its length is dropped). */
  codes: Int8Array;
}

const align4 = (n: number): number => (n + 3) & ~3;

/**
 * Quantises float rows to int8: each row divided by its largest magnitude and rounded to 127 steps, so every row
 * keeps about 2 significant digits per value whatever its scale.
 *
 * @example const table = quantiseCharTable('my-table', 'built from x, MIT', fitCharEmbeddings(words, {}, rng).state);
 */
export function quantiseCharTable(name: string, source: string, state: CharEmbeddingState): CharTable {
  const { dim, vectors } = state;
  const codes = new Int8Array(vectors.length);
  for (let base = 0; base < vectors.length; base += dim) {
    let max = 0;
    for (let c = 0; c < dim; c++) max = Math.max(max, Math.abs(vectors[base + c] as number));
    if (max === 0) continue;
    for (let c = 0; c < dim; c++) codes[base + c] = Math.round(((vectors[base + c] as number) / max) * 127);
  }
  return { name, source, dim, chars: state.chars, codes };
}

const dequantised = new WeakMap<CharTable, CharEmbeddings>();

/** The table's rows as unit-length float vectors, ready to embed messages (computed once per table object). */
export function charTableEmbeddings(table: CharTable): CharEmbeddings {
  const known = dequantised.get(table);
  if (known !== undefined) return known;
  const { dim, codes } = table;
  const vectors = new Float32Array(codes.length);
  for (let base = 0; base < codes.length; base += dim) {
    let n = 0;
    for (let c = 0; c < dim; c++) n += (codes[base + c] as number) ** 2;
    n = Math.sqrt(n) || 1;
    for (let c = 0; c < dim; c++) vectors[base + c] = (codes[base + c] as number) / n;
  }
  const embeddings = createCharEmbeddings({ chars: table.chars, dim, vectors });
  dequantised.set(table, embeddings);
  return embeddings;
}

/** Serialises a table: magic, format, header length, JSON header, then the codes 4-byte aligned. */
export function encodeCharTable(table: CharTable): Uint8Array {
  const count = [...table.chars].length;
  if (count * table.dim !== table.codes.length)
    throw new RangeError(`char table: ${count} characters x ${table.dim} != ${table.codes.length} codes`);
  const header = { name: table.name, source: table.source, dim: table.dim, count, chars: table.chars };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = align4(12 + json.length);
  const out = new Uint8Array(start + table.codes.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, FORMAT_VERSION, true);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  out.set(new Uint8Array(table.codes.buffer, table.codes.byteOffset, table.codes.length), start);
  return out;
}

/** Parses a table written by {@link encodeCharTable}; throws a RangeError naming what is wrong. */
export function decodeCharTable(bytes: Uint8Array): CharTable {
  if (bytes.byteLength < 12) throw new RangeError('char table: too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new RangeError('char table: bad magic number');
  const version = view.getUint32(4, true);
  if (version !== FORMAT_VERSION) throw new RangeError(`char table: unsupported format version ${version}`);
  const jsonLength = view.getUint32(8, true);
  if (12 + jsonLength > bytes.byteLength) throw new RangeError('char table: header runs past the end');
  const h = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + jsonLength))) as {
    name: string;
    source: string;
    dim: number;
    count: number;
    chars: string;
  };
  const start = align4(12 + jsonLength);
  if (bytes.byteLength - start !== h.count * h.dim || [...h.chars].length !== h.count)
    throw new RangeError(
      `char table: body is ${bytes.byteLength - start} bytes, expected ${h.count * h.dim}`,
    );
  const codes = new Int8Array(bytes.slice(start).buffer);
  return { name: h.name, source: h.source, dim: h.dim, chars: h.chars, codes };
}
