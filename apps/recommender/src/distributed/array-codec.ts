// A compact binary container for named typed arrays (parameters, optimiser state, training data), so a
// worker reads exactly the bytes it trains on: a 4-byte header length, a JSON header, then each array's bytes
// 8-byte aligned. Float64 stays Float64: shards must not lose precision between epochs.

type Typed = Float64Array | Float32Array | Int32Array | Uint8Array;
const CTORS = { f64: Float64Array, f32: Float32Array, i32: Int32Array, u8: Uint8Array } as const;
type TypeName = keyof typeof CTORS;

function typeOf(a: Typed): TypeName {
  if (a instanceof Float64Array) return 'f64';
  if (a instanceof Float32Array) return 'f32';
  if (a instanceof Int32Array) return 'i32';
  return 'u8';
}

/** Named arrays and JSON-able facts in one buffer. */
export interface ArrayBundle {
  arrays: Record<string, Typed>;
  meta: Record<string, unknown>;
}

const align8 = (n: number): number => (n + 7) & ~7;

/** Encode a bundle (see decodeArrays). */
export function encodeArrays(bundle: ArrayBundle): Uint8Array {
  const entries = Object.entries(bundle.arrays);
  const layout: [string, TypeName, number, number][] = [];
  let offset = 0;
  for (const [name, a] of entries) {
    layout.push([name, typeOf(a), offset, a.length]);
    offset = align8(offset + a.byteLength);
  }
  const header = new TextEncoder().encode(JSON.stringify({ layout, meta: bundle.meta }));
  const start = align8(4 + header.length);
  const out = new Uint8Array(start + offset);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  entries.forEach(([, a], n) => {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), start + (layout[n]![2] as number));
  });
  return out;
}

/** Decode a buffer written by encodeArrays; a RangeError when it is not one. */
export function decodeArrays(data: Uint8Array): ArrayBundle {
  if (data.length < 4) throw new RangeError('array bundle: truncated');
  const len = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0, true);
  if (4 + len > data.length) throw new RangeError('array bundle: header past the end');
  const head = JSON.parse(new TextDecoder().decode(data.subarray(4, 4 + len))) as {
    layout: [string, TypeName, number, number][];
    meta: Record<string, unknown>;
  };
  const start = align8(4 + len);
  // Copy into an aligned buffer once so every view is aligned whatever the source's byteOffset.
  const body = data.slice(start).buffer;
  const arrays: Record<string, Typed> = {};
  for (const [name, type, offset, length] of head.layout) {
    const Ctor = CTORS[type];
    if (!Ctor || offset + length * Ctor.BYTES_PER_ELEMENT > body.byteLength)
      throw new RangeError(`array bundle: bad entry ${name}`);
    arrays[name] = new Ctor(body, offset, length);
  }
  return { arrays, meta: head.meta };
}
