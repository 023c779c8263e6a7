// Binary artifact of an intent classifier: a small JSON header followed by the typed arrays, 4-byte aligned.
// Format 2 appends the character embeddings (their characters in the header, their vectors last in the body);
// Format 3 appends the per-class offsets (a header flag, one f32 per class after the vectors); format 4 the character
// table (its own encoding, data/char-table.bin's, padded to 4 bytes, last); format 5 the hidden-layer member (its
// four f32 arrays before the table); format 6 the per-language temperatures (header only); formats 1 (no character
// block), 2 (no offsets), 3 (no table), 4 (no member) and 5 (one temperature) still decode.
import { decodeCharTable, encodeCharTable } from './char-table.ts';
import {
  createIntentClassifier,
  type IntentClassifier,
  type IntentClassifierData,
} from './intent-classifier.ts';

const MAGIC = 0x43424943; // "CBIC"
const FORMAT_VERSION = 6;
const READABLE_VERSIONS = new Set([1, 2, 3, 4, 5, 6]);

interface Header {
  labels: string[];
  vectorizerOptions: IntentClassifierData['vectorizer']['options'];
  vocabulary: number;
  modelDim: number;
  temperature: number;
  minConfidence: number;
  embeddingDim: number;
  embeddingWeight: number;
  /** Format 2: the characters with a vector (one code point each, in row order) and the vector length. */
  charEmbeddings?: { chars: string; count: number; dim: number; weight: number } | null;
  /** Format 3: whether the body ends with one offset per class. */
  classOffsets?: boolean;
  /** Format 4: the length of the encoded character table at the end of the body, and its block's weight. */
  charTable?: { bytes: number; weight: number } | null;
  /** Format 5: the hidden-layer member's shape and weights (its arrays: input, hidden bias, output, output bias). */
  hiddenLayer?: { dim: number; hidden: number; weight: number; charWeight: number } | null;
  /** Format 6: the temperature of each language that has its own (multilingual knowledge bases). */
  languageTemperatures?: Record<string, number>;
  info: Record<string, unknown>;
}

const align4 = (n: number): number => (n + 3) & ~3;

/**
 * Serialises a classifier: header JSON, then keys (u32), idf, weights, bias, character vectors, class offsets and
 * the hidden-layer member's arrays (f32), little-endian, then the character table's own encoding.
 */
export function encodeClassifier(classifier: IntentClassifier | IntentClassifierData): Uint8Array {
  const data = 'data' in classifier ? classifier.data : classifier;
  const { vectorizer, model } = data;
  const chars = data.charEmbeddings;
  const table = data.charTable && encodeCharTable(data.charTable);
  const member = data.hiddenLayer;
  const header: Header = {
    labels: data.labels,
    vectorizerOptions: vectorizer.options,
    vocabulary: vectorizer.keys.length,
    modelDim: model.dim,
    temperature: data.temperature,
    minConfidence: data.minConfidence,
    embeddingDim: data.embeddingDim,
    embeddingWeight: data.embeddingWeight,
    charEmbeddings: chars && {
      chars: chars.chars,
      count: chars.vectors.length / Math.max(1, chars.dim),
      dim: chars.dim,
      weight: data.charEmbeddingWeight,
    },
    classOffsets: data.classOffsets !== null,
    charTable: table && { bytes: table.length, weight: data.charTableWeight },
    hiddenLayer: member && {
      dim: member.model.dim,
      hidden: member.model.hidden,
      weight: member.weight,
      charWeight: member.charWeight,
    },
    ...(data.languageTemperatures && { languageTemperatures: { ...data.languageTemperatures } }),
    info: data.info,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const arrays: ArrayBufferView[] = [vectorizer.keys, vectorizer.idf, model.weights, model.bias];
  if (chars !== null) arrays.push(chars.vectors);
  if (data.classOffsets !== null) arrays.push(data.classOffsets);
  if (member !== null) {
    const m = member.model;
    arrays.push(m.input, m.hiddenBias, m.output, m.outputBias);
  }
  if (table !== null) arrays.push(table, new Uint8Array(align4(table.length) - table.length));
  const start = align4(12 + json.length);
  const total = arrays.reduce((sum, a) => sum + a.byteLength, start);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, FORMAT_VERSION, true);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  let offset = start;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offset);
    offset += a.byteLength;
  }
  return out;
}

/** Parses an artifact written by {@link encodeClassifier}; throws a RangeError naming what is wrong. */
export function decodeClassifierData(bytes: Uint8Array): IntentClassifierData {
  if (bytes.byteLength < 12) throw new RangeError('classifier artifact: too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new RangeError('classifier artifact: bad magic number');
  const version = view.getUint32(4, true);
  if (!READABLE_VERSIONS.has(version))
    throw new RangeError(`classifier artifact: unsupported format version ${version}`);
  const jsonLength = view.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + jsonLength))) as Header;
  const perLanguage = header.languageTemperatures;
  if (perLanguage !== undefined && !Object.values(perLanguage).every((t) => Number.isFinite(t) && t > 0))
    throw new RangeError('classifier artifact: a language temperature is not a positive number');
  const classes = header.labels.length;
  // One copy into a fresh, aligned buffer; the typed arrays are views on it.
  const body = bytes.slice(align4(12 + jsonLength));
  const chars = header.charEmbeddings ?? null;
  const charValues = chars === null ? 0 : chars.count * chars.dim;
  const offsetValues = header.classOffsets === true ? classes : 0;
  const tableBytes = header.charTable?.bytes ?? 0;
  const m = header.hiddenLayer ?? null;
  const memberValues = m === null ? 0 : (m.dim + 1) * m.hidden + classes * (m.hidden + 1);
  const expected =
    4 *
      (2 * header.vocabulary +
        header.modelDim * classes +
        classes +
        charValues +
        offsetValues +
        memberValues) +
    align4(tableBytes);
  if (body.byteLength !== expected) {
    throw new RangeError(`classifier artifact: body is ${body.byteLength} bytes, expected ${expected}`);
  }
  let offset = 0;
  const take = <T>(make: (buffer: ArrayBuffer, offset: number, length: number) => T, length: number): T => {
    const result = make(body.buffer, offset, length);
    offset += 4 * length;
    return result;
  };
  const keys = take((b, o, n) => new Uint32Array(b, o, n), header.vocabulary);
  const idf = take((b, o, n) => new Float32Array(b, o, n), header.vocabulary);
  const weights = take((b, o, n) => new Float32Array(b, o, n), header.modelDim * classes);
  const bias = take((b, o, n) => new Float32Array(b, o, n), classes);
  const charVectors = take((b, o, n) => new Float32Array(b, o, n), charValues);
  const offsets = offsetValues === 0 ? null : take((b, o, n) => new Float32Array(b, o, n), offsetValues);
  const f32 = (n: number) => take((b, o, k) => new Float32Array(b, o, k), n);
  const hiddenLayer =
    m === null
      ? null
      : {
          model: {
            dim: m.dim,
            hidden: m.hidden,
            classes,
            input: f32(m.dim * m.hidden),
            hiddenBias: f32(m.hidden),
            output: f32(classes * m.hidden),
            outputBias: f32(classes),
          },
          weight: m.weight,
          charWeight: m.charWeight,
        };
  const table = tableBytes === 0 ? null : decodeCharTable(new Uint8Array(body.buffer, offset, tableBytes));
  return {
    labels: header.labels,
    vectorizer: { options: header.vectorizerOptions, keys, idf },
    model: { dim: header.modelDim, classes, weights, bias },
    temperature: header.temperature,
    ...(perLanguage && { languageTemperatures: perLanguage }),
    classOffsets: offsets,
    minConfidence: header.minConfidence,
    embeddingDim: header.embeddingDim,
    embeddingWeight: header.embeddingWeight,
    charEmbeddings: chars && { chars: chars.chars, dim: chars.dim, vectors: charVectors },
    charEmbeddingWeight: chars?.weight ?? 0,
    charTable: table,
    charTableWeight: header.charTable?.weight ?? 0,
    hiddenLayer,
    info: header.info,
  };
}

/** Decodes an artifact straight into a ready classifier (the ModelCache decode function). */
export function decodeClassifier(bytes: Uint8Array): IntentClassifier {
  return createIntentClassifier(decodeClassifierData(bytes));
}
