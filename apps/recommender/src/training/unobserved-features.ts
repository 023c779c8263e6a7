// Features no training rating holds (the age, gender and occupation of users imported without ratings, a genre
// of no rated item) carry no evidence, so the Gibbs chain's draws of them follow their group's prior alone; when
// no feature of a group is held by a rating, that prior's hyperparameters are unanchored too and wander sweep
// after sweep (factors of 80-4,000 after 160 sweeps on the README's example data, cold-start scores of 4,000).
// A served sample puts such a feature at its conditional mean, the group's prior mean, as the Rao-Blackwell
// step does for items, and at zero when the group has fewer than two observed features: the model then ignores
// it, as the SGD FM does by leaving it near its tiny initial value. No training prediction involves these.
import { MCMC_GROUP_COUNT, type McmcIndex } from './mcmc-index.ts';
import type { McmcState } from './mcmc-state.ts';

/**
 * Observed features a group needs before its prior mean stands for its unobserved ones. The prior fitted to one
 * feature is that feature's own parameters (a gender only F users rated, an occupation of one profiled user):
 * a user of another gender, age and occupation then took one user's fit three times over and scored up to 8 on
 * the 1-5 scale (train-mcmc.test.ts). Such a group counts as unobserved: its unseen features serve at zero.
 */
export const MIN_ANCHORING_FEATURES = 2;

/** Which features at least one training rating holds, and which prior groups have enough of them to anchor. */
export interface ObservedFeatures {
  feature: Uint8Array;
  group: Uint8Array;
}

export function getObservedFeatures(index: McmcIndex): ObservedFeatures {
  const feature = new Uint8Array(index.n);
  for (const side of [index.user, index.item]) {
    for (let p = 0; p < side.feat.length; p++) {
      for (let q = side.colStart[p] as number; q < (side.colStart[p + 1] as number); q++) {
        if ((side.count[side.colRow[q] as number] as number) > 0) {
          feature[side.feat[p] as number] = 1;
          break;
        }
      }
    }
  }
  const held = new Int32Array(MCMC_GROUP_COUNT);
  for (let j = 0; j < index.n; j++) if (feature[j]) held[index.group[j] as number]!++;
  const group = Uint8Array.from(held, (n) => (n >= MIN_ANCHORING_FEATURES ? 1 : 0));
  return { feature, group };
}

/** Sets every unobserved feature of `params` (model layout) to its prior mean, or zero in an unobserved group. */
export function neutraliseUnobserved(
  index: McmcIndex,
  state: McmcState,
  observed: ObservedFeatures,
  params: Float64Array,
): Float64Array {
  const { n } = index;
  const { k } = state;
  for (let j = 0; j < n; j++) {
    if (observed.feature[j]) continue;
    const g = index.group[j] as number;
    const anchored = observed.group[g] === 1;
    params[1 + j] = anchored ? (state.wMu[g] as number) : 0;
    for (let f = 0; f < k; f++) params[1 + n + j * k + f] = anchored ? (state.vMu[g * k + f] as number) : 0;
  }
  return params;
}
