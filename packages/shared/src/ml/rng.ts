// Seeded pseudo-random numbers (sfc32 seeded through splitmix32) so training runs and tests repeat exactly.

/** A seeded random source. Same seed, same sequence, on every platform. */
export interface Rng {
  /** The seed this generator was created with. */
  readonly seed: number;
  /** Uniform float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** Uniform integer in [0, n), without modulo bias. `n` must be a positive integer <= 2^32. */
  nextInt(n: number): number;
  /** Standard normal deviate (mean 0, variance 1), Box–Muller with the second value cached. */
  normal(): number;
  /** Fisher–Yates shuffle in place. */
  shuffle<T>(a: T[] | Int32Array | Uint32Array | Float64Array): void;
  /** An independent generator seeded from this one's stream (for shards or sub-tasks). */
  fork(): Rng;
}

const TWO_POW_32 = 4294967296;
const INV_TWO_POW_32 = 1 / TWO_POW_32;

/** splitmix32: spreads a 32-bit seed into well-mixed words, so seeds 1 and 2 give unrelated streams. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

class Sfc32 implements Rng {
  readonly seed: number;
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number) {
    this.seed = seed;
    const mix = { s: seed | 0 };
    this.a = splitmix32(mix);
    this.b = splitmix32(mix);
    this.c = splitmix32(mix);
    this.d = 1;
    // The reference implementation discards the first outputs so the state is fully mixed.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** One raw 32-bit output of sfc32. */
  private nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.nextUint32() * INV_TWO_POW_32;
  }

  nextInt(n: number): number {
    if (!(n > 0 && n <= TWO_POW_32 && Number.isInteger(n))) {
      throw new RangeError(`nextInt expects an integer in [1, 2^32], got ${n}`);
    }
    // Rejection sampling: drop the top partial block of 2^32 so every residue is equally likely.
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    // 1 - next() lies in (0, 1], so the logarithm is finite.
    const u1 = 1 - this.next();
    const u2 = this.next();
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    this.spare = r * Math.sin(theta);
    this.hasSpare = true;
    return r * Math.cos(theta);
  }

  shuffle<T>(a: T[] | Int32Array | Uint32Array | Float64Array): void {
    const arr = a as unknown as { [i: number]: unknown; length: number };
    for (let i = arr.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const tmp = arr[i];
      arr[i] = arr[j];
      arr[j] = tmp;
    }
  }

  fork(): Rng {
    return new Sfc32(this.nextUint32() | 0);
  }
}

/**
 * A seeded generator (sfc32). Use one per training run and pass it down, so results repeat.
 *
 * @example
 * const rng = createRng(42);
 * const i = rng.nextInt(10); // 0..9
 * rng.shuffle(order);
 */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`createRng expects a finite seed, got ${seed}`);
  return new Sfc32(Math.trunc(seed));
}
