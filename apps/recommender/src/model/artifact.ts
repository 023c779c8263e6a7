// Compact binary model artifact: magic "RFM1", a format version, a small JSON header (kind, sizes,
// vocabularies, training facts), then 8-byte-aligned typed-array sections. Parameters are stored as float32.
// Version 2 added the `ials` kind and its header field `ials`; version 1 artifacts (baseline/mf/fm) still load.
import type { Catalog } from '../features/catalog.ts';
import { createFeatureLayout } from '../features/feature-space.ts';
import { getFeatureFlags, MODEL_KINDS, type FmModel, type IalsSettings, type ModelKind } from './fm-model.ts';

const MAGIC = 0x314d4652; // "RFM1" little-endian
const FORMAT_VERSION = 2;
const READABLE_VERSIONS: readonly number[] = [1, 2];

type ArrayType = 'i8' | 'i16' | 'i32' | 'f32';
const CTORS = { i8: Int8Array, i16: Int16Array, i32: Int32Array, f32: Float32Array } as const;
type Section = { name: string; type: ArrayType; length: number };

interface Header {
  kind: ModelKind;
  k: number;
  minRating: number;
  maxRating: number;
  rankingPrior?: number;
  genres: string[];
  occupations: string[];
  meta: Record<string, unknown>;
  sections: Section[];
  ials?: IalsSettings;
}

const CATALOG_FIELDS: Array<[keyof Catalog, ArrayType]> = [
  ['userIds', 'i32'],
  ['itemIds', 'i32'],
  ['userAge', 'i8'],
  ['userGender', 'i8'],
  ['userOccupation', 'i16'],
  ['itemGenreStart', 'i32'],
  ['itemGenre', 'i16'],
  ['seenStart', 'i32'],
  ['seenItem', 'i32'],
  ['itemCount', 'i32'],
];

const align8 = (n: number): number => (n + 7) & ~7;

/** Serialise a model. */
export function encodeModel(model: FmModel): Uint8Array {
  const arrays: Array<[Section, ArrayBufferView]> = CATALOG_FIELDS.map(([name, type]) => {
    const a = model.catalog[name] as unknown as ArrayBufferView & { length: number };
    return [{ name, type, length: a.length }, a];
  });
  const params = Float32Array.from(model.params);
  arrays.push([{ name: 'params', type: 'f32', length: params.length }, params]);
  const header: Header = {
    kind: model.kind,
    k: model.k,
    minRating: model.minRating,
    maxRating: model.maxRating,
    rankingPrior: model.rankingPrior,
    genres: model.catalog.genres,
    occupations: model.catalog.occupations,
    meta: model.meta,
    sections: arrays.map(([s]) => s),
    ...(model.ials ? { ials: model.ials } : {}),
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  let size = align8(12 + headerBytes.length);
  for (const [, a] of arrays) size = align8(size + a.byteLength);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, FORMAT_VERSION, true);
  view.setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  let pos = align8(12 + headerBytes.length);
  for (const [, a] of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), pos);
    pos = align8(pos + a.byteLength);
  }
  return out;
}

/** Parse an artifact; throws a RangeError naming what is wrong with a corrupt or foreign file. */
export function decodeModel(data: Uint8Array): FmModel {
  if (data.byteLength < 12) throw new RangeError('model artifact too short');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new RangeError('not a recommender model artifact (bad magic)');
  const version = view.getUint32(4, true);
  if (!READABLE_VERSIONS.includes(version))
    throw new RangeError(`unsupported artifact format version ${version}`);
  const headerLen = view.getUint32(8, true);
  if (12 + headerLen > data.byteLength) throw new RangeError('model artifact header truncated');
  const header = JSON.parse(new TextDecoder().decode(data.subarray(12, 12 + headerLen))) as Header;
  if (!MODEL_KINDS.includes(header.kind)) throw new RangeError(`unknown model kind ${String(header.kind)}`);
  if (header.kind === 'ials' && (version < 2 || !header.ials))
    throw new RangeError('ials model artifact lacks its training settings');
  const sections = new Map<string, ArrayBufferView>();
  let pos = align8(12 + headerLen);
  for (const s of header.sections) {
    const Ctor = CTORS[s.type];
    const bytes = s.length * Ctor.BYTES_PER_ELEMENT;
    if (pos + bytes > data.byteLength) throw new RangeError(`model artifact truncated in section ${s.name}`);
    // Copy so the arrays are aligned and independent of the caller's buffer.
    const copy = data.slice(pos, pos + bytes);
    sections.set(s.name, new Ctor(copy.buffer, 0, s.length));
    pos = align8(pos + bytes);
  }
  const get = <T>(name: string): T => {
    const a = sections.get(name);
    if (!a) throw new RangeError(`model artifact lacks section ${name}`);
    return a as T;
  };
  const catalog = Object.fromEntries(CATALOG_FIELDS.map(([name]) => [name, get(name)])) as unknown as Catalog;
  catalog.genres = header.genres;
  catalog.occupations = header.occupations;
  const layout = createFeatureLayout(catalog, getFeatureFlags(header.kind));
  const params = Float64Array.from(get<Float32Array>('params'));
  if (params.length !== 1 + layout.size * (1 + header.k))
    throw new RangeError('model artifact parameter count does not match its layout');
  return {
    kind: header.kind,
    k: header.k,
    catalog,
    layout,
    params,
    minRating: header.minRating,
    maxRating: header.maxRating,
    rankingPrior: header.rankingPrior ?? 0,
    meta: header.meta,
    ...(header.kind === 'ials' && header.ials ? { ials: header.ials } : {}),
  };
}
