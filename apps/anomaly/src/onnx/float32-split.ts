// ONNX Runtime compares a float input with a float threshold after rounding the input to float32; the app's forest
// compares doubles. These give the double threshold t' with x <= t' exactly when the runtime would go that way.

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** The next float32 above `t` (a float32 value). */
function nextFloat32Up(t: number): number {
  if (t === 0) return 1.401298464324817e-45;
  f32[0] = t;
  u32[0] = t > 0 ? u32[0]! + 1 : u32[0]! - 1;
  return f32[0]!;
}

/** The double just below `x` (finite). */
function previousDouble(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  f64[0] = x;
  u64[0] = x > 0 ? u64[0]! - 1n : u64[0]! + 1n;
  return f64[0]!;
}

/** The largest double whose float32 rounding is at most the float32 value `t`. */
function largestRoundingTo(t: number): number {
  const next = nextFloat32Up(t);
  if (!Number.isFinite(next)) return t;
  // The midpoint is exact in double; a tie rounds to the even one of the two.
  const mid = (t + next) / 2;
  return Math.fround(mid) === t ? mid : previousDouble(mid);
}

/**
 * The double threshold of a split `x <= t` (or `x < t` when `strict`) as ONNX Runtime evaluates it on a float32
 * input (`float32Input`) or on a double input, for the forest's `x <= t'` walk.
 */
export function toDoubleSplit(threshold: number, strict: boolean, float32Input: boolean): number {
  if (!float32Input) return strict ? previousDouble(threshold) : threshold;
  const t = Math.fround(threshold);
  if (!strict) return largestRoundingTo(t);
  // round(x) < t  <=>  round(x) <= the float32 just below t
  f32[0] = t;
  if (t === 0) return largestRoundingTo(-1.401298464324817e-45);
  u32[0] = t > 0 ? u32[0]! - 1 : u32[0]! + 1;
  return largestRoundingTo(f32[0]!);
}
