// Per-class hinge margins from the label distribution (LDAM: Cao, Wei, Gaidon, Arechiga and Ma, NeurIPS 2019).

/** n_k^-power per class (n_k the weighted count of its examples), scaled so the examples' mean margin is 1. */
export function classMargins(
  ys: Int32Array,
  classes: number,
  power: number,
  sampleWeights?: Float32Array,
): Float64Array {
  const counts = new Float64Array(classes);
  for (let i = 0; i < ys.length; i++) {
    const y = ys[i] as number;
    counts[y] = (counts[y] as number) + (sampleWeights === undefined ? 1 : (sampleWeights[i] as number));
  }
  const margins = new Float64Array(classes);
  let total = 0;
  let mean = 0;
  for (let k = 0; k < classes; k++) {
    const n = counts[k] as number;
    margins[k] = n > 0 ? n ** -power : 0;
    total += n;
    mean += n * (margins[k] as number);
  }
  mean /= total;
  for (let k = 0; k < classes; k++) margins[k] = (margins[k] as number) / mean;
  return margins;
}
