// The hierarchical priors of Bayesian FMs (Rendle, "Factorization Machines with libFM", 2012, section 4.3):
// w_j ~ N(mu_g, 1/lambda_g), v_jf ~ N(mu_gf, 1/lambda_gf) per prior group g, with Normal-Gamma hyperpriors,
// and a Gamma prior on the noise precision alpha. Everything is drawn from its conjugate conditional.
import type { Rng } from '@suite/shared/ml';

/** Hyperprior constants; libFM's defaults (alpha_0 = beta_0 = gamma_0 = 1, mu_0 = 0). */
export const HYPER = { alpha0: 1, beta0: 1, gamma0: 1, mu0: 0 } as const;

/**
 * Gamma(shape, rate) by Marsaglia and Tsang (2000); shape < 1 through Gamma(shape + 1) * U^(1/shape).
 * Written here because the draw is a dozen lines on the seeded generator the sampler already uses.
 */
export function sampleGamma(rng: Rng, shape: number, rate: number): number {
  if (shape < 1) {
    const u = 1 - rng.next();
    return sampleGamma(rng, shape + 1, rate) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.next();
    if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
      return (d * v) / rate;
    }
  }
}

/**
 * Draw the precision, then the mean, of one prior group from the values it governs (libFM's order:
 * lambda given the current mu, then mu given the new lambda), from the count, sum and sum of squares of the
 * values it governs. Returns [mu, lambda].
 */
export function drawGroupPrior(
  rng: Rng,
  count: number,
  sum: number,
  sumSq: number,
  mu: number,
): [number, number] {
  const { alpha0, beta0, gamma0, mu0 } = HYPER;
  // sum (x - mu)^2 = sumSq - 2 mu sum + count mu^2
  const spread = sumSq - 2 * mu * sum + count * mu * mu;
  const rate = (gamma0 + beta0 * (mu - mu0) * (mu - mu0) + Math.max(0, spread)) / 2;
  const shape = (alpha0 + count + 1) / 2;
  const newLambda = sampleGamma(rng, shape, rate);
  const mean = (sum + beta0 * mu0) / (count + beta0);
  const newMu = mean + rng.normal() / Math.sqrt((count + beta0) * newLambda);
  return [newMu, newLambda];
}

/** Noise precision alpha given the sum of squared residuals over `count` ratings. */
export function drawNoisePrecision(rng: Rng, count: number, sse: number): number {
  return sampleGamma(rng, (HYPER.alpha0 + count) / 2, (HYPER.gamma0 + sse) / 2);
}
