// A seed blend served as one model: M factorisation machines on the same feature layout averaged into a single FM.
import type { FmModel } from '../model/fm-model.ts';

/**
 * The average of M FMs over the same layout is itself one FM: linear terms averaged, and each feature's factor
 * row the concatenation of the members' rows scaled by 1/sqrt(M), since <v_i, v_j> then sums to the mean of
 * the members' pairwise terms. So a seed blend is served, stored and updated online as one model with M*k factors.
 */
export function blendModels(models: readonly FmModel[]): FmModel {
  const first = models[0];
  if (!first) throw new RangeError('nothing to blend');
  const n = first.layout.size;
  const m = models.length;
  const k = models.reduce((sum, x) => sum + x.k, 0);
  const params = new Float64Array(1 + n * (1 + k));
  const scale = 1 / Math.sqrt(m);
  let col = 0;
  for (const x of models) {
    if (x.layout.size !== n) throw new RangeError('blended models need the same feature layout');
    for (let p = 0; p <= n; p++) params[p]! += (x.params[p] as number) / m;
    for (let j = 0; j < n; j++) {
      for (let f = 0; f < x.k; f++)
        params[1 + n + j * k + col + f] = (x.params[1 + n + j * x.k + f] as number) * scale;
    }
    col += x.k;
  }
  return { ...first, k, params, meta: {} };
}
