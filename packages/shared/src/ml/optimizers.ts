// SGD, Momentum and AdaGrad update rules exactly as the article writes them, with per-coordinate state.

/** Which update rule an optimiser applies. */
export type OptimizerKind = 'sgd' | 'momentum' | 'adagrad';

/** Settings of an optimiser. */
export interface OptimizerOptions {
  /** The update rule. */
  kind: OptimizerKind;
  /** eta, the step size; must be positive. */
  learningRate: number;
  /** gamma of Momentum, in [0, 1); default 0.9. Ignored by the other rules. */
  momentum?: number;
  /** eps of AdaGrad, keeps the first step finite; default 1e-8. Ignored by the other rules. */
  epsilon?: number;
}

/** An optimiser over a parameter vector of a fixed size; coordinate `i` keeps its own state slot. */
export interface Optimizer {
  readonly kind: OptimizerKind;
  readonly options: Required<OptimizerOptions>;
  /**
   * Update one coordinate `w[i]` with its gradient `g` (sparse updates; allocation-free). Momentum and AdaGrad
   * throw RangeError when `i` has no state slot (an index outside the `size` they were created with).
   */
  update(w: Float32Array | Float64Array, i: number, g: number): void;
  /** Update every coordinate of `w` with `grad` (dense step); lengths must match. */
  step(w: Float32Array | Float64Array, grad: ArrayLike<number>): void;
  /** v (Momentum) or G (AdaGrad), one slot per coordinate; empty for SGD. */
  readonly state: Float64Array;
  /** Zero the state, as if freshly created. */
  reset(): void;
}

abstract class BaseOptimizer implements Optimizer {
  abstract readonly kind: OptimizerKind;
  readonly options: Required<OptimizerOptions>;
  readonly state: Float64Array;

  constructor(options: Required<OptimizerOptions>, stateSize: number) {
    this.options = options;
    this.state = new Float64Array(stateSize);
  }

  abstract update(w: Float32Array | Float64Array, i: number, g: number): void;

  step(w: Float32Array | Float64Array, grad: ArrayLike<number>): void {
    if (grad.length !== w.length) {
      throw new RangeError(`step: gradient length ${grad.length} differs from parameter length ${w.length}`);
    }
    if (this.kind !== 'sgd' && w.length > this.state.length) {
      throw new RangeError(
        `step: ${w.length} parameters but the optimiser was created for ${this.state.length}`,
      );
    }
    for (let i = 0; i < w.length; i++) this.update(w, i, grad[i] as number);
  }

  reset(): void {
    this.state.fill(0);
  }
}

/** A typed array read outside its bounds gives undefined, which would turn the weight into NaN without a word. */
function outOfRange(i: number, size: number): never {
  throw new RangeError(`update: coordinate ${i} is outside the optimiser's ${size} state slots`);
}

/** w <- w - eta * g */
class Sgd extends BaseOptimizer {
  readonly kind = 'sgd' as const;
  private readonly eta: number;
  constructor(options: Required<OptimizerOptions>) {
    super(options, 0);
    this.eta = options.learningRate;
  }
  update(w: Float32Array | Float64Array, i: number, g: number): void {
    w[i] = (w[i] as number) - this.eta * g;
  }
}

/** v <- gamma * v + eta * g ; w <- w - v */
class Momentum extends BaseOptimizer {
  readonly kind = 'momentum' as const;
  private readonly eta: number;
  private readonly gamma: number;
  constructor(options: Required<OptimizerOptions>, size: number) {
    super(options, size);
    this.eta = options.learningRate;
    this.gamma = options.momentum;
  }
  update(w: Float32Array | Float64Array, i: number, g: number): void {
    const previous = this.state[i] ?? outOfRange(i, this.state.length);
    const v = this.gamma * previous + this.eta * g;
    this.state[i] = v;
    w[i] = (w[i] as number) - v;
  }
}

/** G_ii <- G_ii + g_i^2 ; w_i <- w_i - eta / sqrt(G_ii + eps) * g_i */
class AdaGrad extends BaseOptimizer {
  readonly kind = 'adagrad' as const;
  private readonly eta: number;
  private readonly eps: number;
  constructor(options: Required<OptimizerOptions>, size: number) {
    super(options, size);
    this.eta = options.learningRate;
    this.eps = options.epsilon;
  }
  update(w: Float32Array | Float64Array, i: number, g: number): void {
    const G = (this.state[i] ?? outOfRange(i, this.state.length)) + g * g;
    this.state[i] = G;
    w[i] = (w[i] as number) - (this.eta / Math.sqrt(G + this.eps)) * g;
  }
}

/**
 * An optimiser for a parameter vector of `size` coordinates.
 *
 * @example
 * const opt = createOptimizer({ kind: 'adagrad', learningRate: 0.05 }, weights.length);
 * opt.update(weights, j, gradJ); // sparse: only the touched coordinate
 * opt.step(bias, gradBias);      // dense
 */
export function createOptimizer(options: OptimizerOptions, size: number): Optimizer {
  const full: Required<OptimizerOptions> = {
    kind: options.kind,
    learningRate: options.learningRate,
    momentum: options.momentum ?? 0.9,
    epsilon: options.epsilon ?? 1e-8,
  };
  if (!(Number.isFinite(full.learningRate) && full.learningRate > 0)) {
    throw new RangeError(`learningRate must be a positive number, got ${full.learningRate}`);
  }
  if (!(full.momentum >= 0 && full.momentum < 1)) {
    throw new RangeError(`momentum must be in [0, 1), got ${full.momentum}`);
  }
  if (!(full.epsilon > 0 && Number.isFinite(full.epsilon))) {
    throw new RangeError(`epsilon must be a positive number, got ${full.epsilon}`);
  }
  if (!(Number.isInteger(size) && size >= 0))
    throw new RangeError(`size must be a non-negative integer, got ${size}`);
  Object.freeze(full);
  switch (full.kind) {
    case 'sgd':
      return new Sgd(full);
    case 'momentum':
      return new Momentum(full, size);
    case 'adagrad':
      return new AdaGrad(full, size);
    default:
      throw new RangeError(`unknown optimizer kind: ${String(full.kind)}`);
  }
}
