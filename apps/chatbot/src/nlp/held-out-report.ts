// What a training run's held-out accuracy means: its rows, a 95% interval, and a caution when they are too few to
// read. The held-out share is 10% of each intent (the temperature's), so a knowledge base of a few examples per
// intent holds out one or two of each: its accuracy moves by a row's worth (2.4 points for the demo's 42 rows).

/** Held-out rows below which the accuracy is reported with a caution (its 95% interval is wider than +-10 points). */
export const MIN_READABLE_HELD_OUT = 100;

export interface HeldOutReport {
  /** Real held-out utterances scored (augmented copies never are). */
  heldOut: number;
  /** Share of them the model trained without them ranks first; null when nothing was held out. */
  heldOutAccuracy: number | null;
  /** Wilson 95% interval of that share, rounded to 3 decimals; null when nothing was held out. */
  heldOutInterval95: [number, number] | null;
  /** Set when the rows are fewer than {@link MIN_READABLE_HELD_OUT}: why the figure is not the model's accuracy. */
  heldOutCaution: string | null;
}

const Z95 = 1.959964;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Wilson score interval (95%) of `correct` successes in `rows` trials. */
export function wilsonInterval95(correct: number, rows: number): [number, number] {
  const p = correct / rows;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * rows)) / (1 + z2 / rows);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / rows + z2 / (4 * rows * rows))) / (1 + z2 / rows);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * The held-out figures of a training run: `correct` of `rows` held-out utterances of `intents` intents right.
 *
 * @example describeHeldOut(20, 42, 21).heldOutInterval95 // [0.334, 0.623]
 */
export function describeHeldOut(correct: number, rows: number, intents: number): HeldOutReport {
  if (rows === 0) return { heldOut: 0, heldOutAccuracy: null, heldOutInterval95: null, heldOutCaution: null };
  const [lo, hi] = wilsonInterval95(correct, rows).map(round3) as [number, number];
  const perIntent = Math.round((rows / Math.max(1, intents)) * 10) / 10;
  const caution =
    rows < MIN_READABLE_HELD_OUT
      ? `${rows} held-out rows (about ${perIntent} per intent), each scored by a model trained without it: ` +
        `95% interval ${lo}-${hi}; too few to read as the served model's accuracy (it trains on them too)`
      : null;
  return {
    heldOut: rows,
    heldOutAccuracy: correct / rows,
    heldOutInterval95: [lo, hi],
    heldOutCaution: caution,
  };
}
