// The range of a series' usual values, which a new value is judged against, robust to one-point glitches.

/** What became of a value held beyond the range once the next value arrived (see {@link ValueRange.settle}). */
export interface Settled {
  /**
   * `glitch`: the held gross outlier came straight back (left out everywhere); `shift`: it did not (the range took
   * it); `excursion`: a smaller new extreme, already taken into the range, that came straight back.
   */
  readonly kind: 'glitch' | 'shift' | 'excursion';
  /**
   * For a glitch or shift, the median of the held value and its two neighbours: what the stream stands for it (a
   * median filter); for an excursion, the value itself.
   */
  readonly standIn: number;
  /** The window slot the held value's row was written to. */
  readonly slot: number;
}

/**
 * Why: the range alarm (HTM's spatial anomaly) and the forest's new-extreme term both measure a value against the
 * range of the values seen. Widened by every value, one glitch (1e6 in a series near 100) set that range until it
 * left the 8,192-point window, and every real spike in between scored as normal. A gross outlier, a value beyond
 * the range by more than `glitchFactor` widths of it, is therefore held, not taken in, until the next value: if
 * that one lies beyond the range on the same side too (a level shift), the range widens to the held value as it
 * always did, so a shift still alarms once; if it comes straight back, the held value was a glitch: it is alarmed
 * on but widens nothing, and the caller leaves it out of its fit window and stands the median of it and its two
 * neighbours in for it in the features of the points after it (a median filter, applied to gross outliers only).
 * Every other value widens the range at once, as before, so ordinary new highs and lows are judged as they were.
 */
export class ValueRange {
  low = Infinity;
  high = -Infinity;
  private held = false;
  private heldValue = 0;
  private heldBefore = 0;
  private heldSlot = 0;
  /** A new extreme taken into the range, waiting for its successor to say whether it came straight back. */
  private pending: -1 | 0 | 1 = 0;
  private pendingSlot = 0;
  private pendingValue = 0;
  private pendingLow = 0;
  private pendingHigh = 0;

  /**
   * `tolerance`: a value further beyond the range than this fraction of its width is beyond it (negative: never);
   * `glitchFactor`: how many widths of the range beyond it a value must lie to be held as a possible glitch;
   * `excursionFactor`: how many widths beyond it a smaller new extreme must lie to be reported as an excursion when
   * the next value comes straight back (the caller fades those out of the range at its refits: decayed-range.ts).
   */
  constructor(
    private readonly tolerance: number,
    private readonly glitchFactor: number,
    private readonly excursionFactor = 0,
  ) {}

  /** Starts again from a fitted model's range; a value held stays held (the model was fitted without it). */
  reset(low: number, high: number): void {
    this.low = low;
    this.high = high;
  }

  /** +1 above the range by more than the tolerance, -1 below it, 0 otherwise (and while the range is empty). */
  side(value: number): -1 | 0 | 1 {
    if (this.tolerance < 0 || !(this.high > this.low)) return 0;
    const margin = (this.high - this.low) * this.tolerance;
    return value > this.high + margin ? 1 : value < this.low - margin ? -1 : 0;
  }

  /** True while a value beyond the range waits for its successor; its window row should not be fitted on yet. */
  get holding(): boolean {
    return this.held;
  }

  /** The slot of the held value's window row (meaningful while {@link holding}). */
  get holdingSlot(): number {
    return this.heldSlot;
  }

  /** Call with each value before it is judged or added anywhere: settles a held value (undefined when none). */
  settle(value: number): Settled | undefined {
    if (this.pending !== 0) {
      const side = this.pending;
      this.pending = 0;
      const margin = (this.pendingHigh - this.pendingLow) * this.tolerance;
      const back = side > 0 ? value <= this.pendingHigh + margin : value >= this.pendingLow - margin;
      if (back) return { kind: 'excursion', standIn: this.pendingValue, slot: this.pendingSlot };
      return undefined;
    }
    if (!this.held) return undefined;
    this.held = false;
    const a = this.heldBefore;
    const b = this.heldValue;
    const side = b > this.high ? 1 : -1;
    const glitch = this.side(value) !== side;
    if (!glitch) this.widen(b);
    // The median of the held value and its neighbours (a median filter): the neighbour nearer to it.
    const standIn = Math.max(Math.min(a, b), Math.min(Math.max(a, b), value));
    return { kind: glitch ? 'glitch' : 'shift', standIn, slot: this.heldSlot };
  }

  /**
   * Takes the value in, after it was judged: widens the range to it, or, when `judging` and it lies beyond the
   * range by more than `glitchFactor` widths of it, holds it until the next value says whether it was a glitch
   * (a smaller new extreme widens the range, and the next value says whether it was an excursion).
   * `previous` is the value before it and `slot` its window row's.
   */
  add(value: number, previous: number, slot: number, judging: boolean): void {
    const width = this.high - this.low;
    const excess = value > this.high ? value - this.high : this.low - value;
    if (judging && this.side(value) !== 0 && excess > this.glitchFactor * width) {
      this.held = true;
      this.heldValue = value;
      this.heldBefore = previous;
      this.heldSlot = slot;
      return;
    }
    const side = judging ? this.side(value) : 0;
    if (side !== 0 && excess >= this.excursionFactor * width) {
      this.pending = side;
      this.pendingSlot = slot;
      this.pendingValue = value;
      this.pendingLow = this.low;
      this.pendingHigh = this.high;
    }
    this.widen(value);
  }

  private widen(value: number): void {
    if (value < this.low) this.low = value;
    if (value > this.high) this.high = value;
  }
}
