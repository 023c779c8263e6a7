// Evaluation metrics: regression (RMSE, MAE), classification (accuracy, macro-F1, AUROC, AUPRC), ranking (HR@K, NDCG@K).

function checkSameLength(name: string, a: ArrayLike<unknown>, b: ArrayLike<unknown>): void {
  if (a.length !== b.length) {
    throw new RangeError(`${name}: predictions (${a.length}) and truth (${b.length}) differ in length`);
  }
}

/** Root mean squared error. NaN for empty input; throws RangeError when lengths differ. */
export function rmse(pred: ArrayLike<number>, actual: ArrayLike<number>): number {
  checkSameLength('rmse', pred, actual);
  let sum = 0;
  for (let i = 0; i < pred.length; i++) {
    const e = (pred[i] as number) - (actual[i] as number);
    sum += e * e;
  }
  return pred.length === 0 ? Number.NaN : Math.sqrt(sum / pred.length);
}

/** Mean absolute error. NaN for empty input; throws RangeError when lengths differ. */
export function mae(pred: ArrayLike<number>, actual: ArrayLike<number>): number {
  checkSameLength('mae', pred, actual);
  let sum = 0;
  for (let i = 0; i < pred.length; i++) sum += Math.abs((pred[i] as number) - (actual[i] as number));
  return pred.length === 0 ? Number.NaN : sum / pred.length;
}

/** Share of predictions equal (`===`) to the truth. NaN for empty input. */
export function accuracy<T>(pred: ArrayLike<T>, actual: ArrayLike<T>): number {
  checkSameLength('accuracy', pred, actual);
  let hits = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === actual[i]) hits++;
  return pred.length === 0 ? Number.NaN : hits / pred.length;
}

/**
 * Unweighted mean of per-class F1 over every class that appears in the truth OR the predictions, as
 * scikit-learn's `f1_score(average='macro')`. A class only ever predicted (never true) scores F1 = 0, and so
 * does a true class never predicted. Per class F1 = 2TP / (2TP + FP + FN). NaN for empty input.
 */
export function macroF1<T>(pred: ArrayLike<T>, actual: ArrayLike<T>): number {
  checkSameLength('macroF1', pred, actual);
  if (pred.length === 0) return Number.NaN;
  const counts = new Map<T, { tp: number; fp: number; fn: number }>();
  const slot = (label: T) => {
    let c = counts.get(label);
    if (c === undefined) counts.set(label, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  for (let i = 0; i < pred.length; i++) {
    const p = pred[i] as T;
    const a = actual[i] as T;
    if (p === a) slot(p).tp++;
    else {
      slot(p).fp++;
      slot(a).fn++;
    }
  }
  let sum = 0;
  for (const { tp, fp, fn } of counts.values()) sum += (2 * tp) / (2 * tp + fp + fn);
  return sum / counts.size;
}

/** Positive labels are `1` / `true`; anything else is negative. */
function isPositive(label: number | boolean): boolean {
  return label === true || label === 1;
}

/**
 * Indices ordered by descending score (stable). A NaN score has no place in the order (the comparator would
 * be inconsistent and the area quietly wrong), so it is refused, as scikit-learn does.
 */
function orderByScoreDesc(name: string, scores: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i++) {
    if (Number.isNaN(scores[i])) throw new RangeError(`${name}: score ${i} is NaN`);
    order[i] = i;
  }
  return order.sort((x, y) => (scores[y] as number) - (scores[x] as number) || x - y);
}

/**
 * Area under the ROC curve through the Mann–Whitney U statistic: the probability that a random positive
 * scores above a random negative, ties counting one half (midranks). Labels: `1`/`true` positive.
 * NaN when only one class is present; RangeError for a NaN score.
 */
export function auroc(scores: ArrayLike<number>, labels: ArrayLike<number | boolean>): number {
  checkSameLength('auroc', scores, labels);
  const n = scores.length;
  const order = orderByScoreDesc('auroc', scores);
  let nPos = 0;
  let rankSumPos = 0;
  // Walk groups of equal scores from the top; ascending rank of position p is n - p.
  for (let start = 0; start < n;) {
    const s = scores[order[start] as number] as number;
    let end = start + 1;
    while (end < n && scores[order[end] as number] === s) end++;
    // Ascending ranks of this group run from n - end + 1 to n - start; their mean is the midrank.
    const midrank = (n - end + 1 + (n - start)) / 2;
    for (let p = start; p < end; p++) {
      if (isPositive(labels[order[p] as number] as number | boolean)) {
        nPos++;
        rankSumPos += midrank;
      }
    }
    start = end;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/**
 * Average precision, as scikit-learn's `average_precision_score`: AP = sum_n (R_n - R_(n-1)) * P_n over the
 * distinct score thresholds taken from the highest down (tied scores enter together, no interpolation).
 * Labels: `1`/`true` positive. NaN when there is no positive; RangeError for a NaN score.
 */
export function auprc(scores: ArrayLike<number>, labels: ArrayLike<number | boolean>): number {
  checkSameLength('auprc', scores, labels);
  const n = scores.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) if (isPositive(labels[i] as number | boolean)) nPos++;
  if (nPos === 0) return Number.NaN;
  const order = orderByScoreDesc('auprc', scores);
  let tp = 0;
  let ap = 0;
  let prevRecall = 0;
  for (let start = 0; start < n;) {
    const s = scores[order[start] as number] as number;
    let end = start;
    while (end < n && scores[order[end] as number] === s) {
      if (isPositive(labels[order[end] as number] as number | boolean)) tp++;
      end++;
    }
    const recall = tp / nPos;
    ap += (recall - prevRecall) * (tp / end);
    prevRecall = recall;
    start = end;
  }
  return ap;
}

function checkRanking(name: string, ranked: ArrayLike<number>[], relevant: ReadonlySet<number>[], k: number) {
  if (ranked.length !== relevant.length) {
    throw new RangeError(`${name}: ${ranked.length} rankings but ${relevant.length} relevant sets`);
  }
  if (!(Number.isInteger(k) && k > 0))
    throw new RangeError(`${name}: k must be a positive integer, got ${k}`);
}

/**
 * Hit rate at K: share of users with at least one relevant item among their top `k`. `ranked[u]` is user u's
 * list, best first; `relevant[u]` their held-out items. Users with no relevant item are left out (they cannot
 * hit); NaN when none is left.
 */
export function hitRateAtK(ranked: ArrayLike<number>[], relevant: ReadonlySet<number>[], k: number): number {
  checkRanking('hitRateAtK', ranked, relevant, k);
  let users = 0;
  let hits = 0;
  for (let u = 0; u < ranked.length; u++) {
    const list = ranked[u] as ArrayLike<number>;
    const rel = relevant[u] as ReadonlySet<number>;
    if (rel.size === 0) continue;
    users++;
    const top = Math.min(k, list.length);
    for (let i = 0; i < top; i++) {
      if (rel.has(list[i] as number)) {
        hits++;
        break;
      }
    }
  }
  return users === 0 ? Number.NaN : hits / users;
}

/**
 * Normalised discounted cumulative gain at K with binary relevance, averaged over users:
 * DCG = sum_(i<k) rel_i / log2(i + 2); the ideal DCG puts min(|relevant|, k) hits first.
 * Users with no relevant item are left out; NaN when none is left.
 */
export function ndcgAtK(ranked: ArrayLike<number>[], relevant: ReadonlySet<number>[], k: number): number {
  checkRanking('ndcgAtK', ranked, relevant, k);
  let users = 0;
  let sum = 0;
  for (let u = 0; u < ranked.length; u++) {
    const list = ranked[u] as ArrayLike<number>;
    const rel = relevant[u] as ReadonlySet<number>;
    if (rel.size === 0) continue;
    users++;
    let dcg = 0;
    const top = Math.min(k, list.length);
    for (let i = 0; i < top; i++) if (rel.has(list[i] as number)) dcg += 1 / Math.log2(i + 2);
    let idcg = 0;
    const ideal = Math.min(rel.size, k);
    for (let i = 0; i < ideal; i++) idcg += 1 / Math.log2(i + 2);
    sum += dcg / idcg;
  }
  return users === 0 ? Number.NaN : sum / users;
}
