// Candidates of issue 11 (1 Dec 2026, 14:15 UTC) aimed at the app's largest confusions on SMP2018 (bare names of
// apps, sites, channels, cinemas and programmes taken for `video`): an expert, the app's own linear learner trained
// on the rows of a group of confusable intents only (over the app's features), re-ranks the group when the app's
// answer falls in it; the group's probability mass stays the app's. Research form: nothing here is in src/.
import { createRng } from '@suite/shared/ml';
import { createLinearTrainer, scoreInto, softmaxInPlace } from '../../src/nlp/linear-model.ts';
import type { SparseVector } from '../../src/nlp/tfidf-vectorizer.ts';
import { DEFAULT_INTENT_TRAINING } from '../../src/nlp/train-intent-classifier.ts';
import type { Candidate } from './candidates.ts';
import { appOfFold } from './retrieval-candidates.ts';

export interface ExpertSpec {
  /** Intent names, or `auto`: chosen from an inner held-out share's confusions ({@link autoGroup}). */
  group: string[] | { sinkFeeders: number; share: number };
  /** Weight of the expert inside the group: (1 - w) p / M + w q, times the group's mass M. */
  weight: number;
  /** `top1`: when the app's answer is in the group; `top2`: when its two best intents both are. */
  trigger: 'top1' | 'top2';
}

export function withExpert(spec: ExpertSpec): Candidate {
  return (fit, labels) => {
    const { parts, xs } = appOfFold(fit);
    const classes = labels.length;
    const ys0 = Int32Array.from(fit, (r) => labels.indexOf(r.intent));
    const dim = parts.clf.data.model.dim;
    const members = Array.isArray(spec.group)
      ? spec.group.map((g) => labels.indexOf(g))
      : autoGroup(xs, ys0, classes, dim, spec.group.share, spec.group.sinkFeeders);
    if (members.some((k) => k < 0)) throw new Error(`unknown intent in ${String(spec.group)}`);
    if (members.length < 2)
      return (text) => {
        const p = new Float64Array(classes);
        parts.probabilities(parts.features(text), p);
        parts.applyOffsets(p);
        return p;
      };
    const at = new Map(members.map((k, j) => [k, j]));
    const sub: SparseVector[] = [];
    const ys: number[] = [];
    fit.forEach((r, i) => {
      const j = at.get(labels.indexOf(r.intent));
      if (j === undefined) return;
      sub.push(xs[i] as SparseVector);
      ys.push(j);
    });
    const linear = DEFAULT_INTENT_TRAINING.linear;
    const trainer = createLinearTrainer(members.length, dim, linear);
    trainer.train(sub, Int32Array.from(ys), (linear.epochs ?? 12) + 2, createRng(23));
    const temperature = parts.clf.data.temperature;
    const q = new Float64Array(members.length);
    return (text) => {
      const x = parts.features(text);
      const p = new Float64Array(classes);
      parts.probabilities(x, p);
      parts.applyOffsets(p);
      const [first, second] = top2(p);
      const fire = at.has(first) && (spec.trigger === 'top1' || (second !== undefined && at.has(second)));
      if (!fire) return p;
      scoreInto(trainer.model, x, q);
      softmaxInPlace(q, temperature);
      let mass = 0;
      for (const k of members) mass += p[k] as number;
      members.forEach((k, j) => {
        p[k] = (1 - spec.weight) * (p[k] as number) + spec.weight * mass * (q[j] as number);
      });
      return p;
    };
  };
}

/**
 * The class the most held-out messages are wrongly given (the sink) and every class that sent it `feeders` or more
 * of them: a linear model (the app's options) on a stratified `share` of the rows left out, scored on that share.
 */
export function autoGroup(
  xs: SparseVector[],
  ys: Int32Array,
  classes: number,
  dim: number,
  share: number,
  feeders: number,
): number[] {
  const rng = createRng(29);
  const held = new Uint8Array(xs.length);
  for (let k = 0; k < classes; k++) {
    const rows = [...ys.keys()].filter((i) => ys[i] === k);
    rng.shuffle(rows);
    rows.slice(0, Math.round(rows.length * share)).forEach((i) => (held[i] = 1));
  }
  const fitAt = [...xs.keys()].filter((i) => held[i] === 0);
  const linear = DEFAULT_INTENT_TRAINING.linear;
  const t = createLinearTrainer(classes, dim, linear);
  t.train(
    fitAt.map((i) => xs[i] as SparseVector),
    Int32Array.from(fitAt, (i) => ys[i] as number),
    (linear.epochs ?? 12) + 2,
    rng.fork(),
  );
  const into = new Float64Array(classes * classes);
  const s = new Float64Array(classes);
  xs.forEach((x, i) => {
    if (held[i] === 0) return;
    scoreInto(t.model, x, s);
    const [guess] = top2(s);
    const y = ys[i] as number;
    if (guess !== y) into[guess * classes + y] = (into[guess * classes + y] as number) + 1;
  });
  let sink = 0;
  let most = -1;
  for (let k = 0; k < classes; k++) {
    let n = 0;
    for (let j = 0; j < classes; j++) n += into[k * classes + j] as number;
    if (n > most) [sink, most] = [k, n];
  }
  const group = [sink];
  for (let j = 0; j < classes; j++)
    if (j !== sink && (into[sink * classes + j] as number) >= feeders) group.push(j);
  if (process.env.CX_DEBUG !== undefined) console.error(JSON.stringify({ sink, most, group }));
  return group;
}

function top2(p: Float64Array): [number, number | undefined] {
  let a = 0;
  let b: number | undefined;
  for (let k = 1; k < p.length; k++) {
    if ((p[k] as number) > (p[a] as number)) [a, b] = [k, a];
    else if (b === undefined || (p[k] as number) > (p[b] as number)) b = k;
  }
  return [a, b];
}

const MEDIA = ['app', 'website', 'video', 'tvchannel', 'cinemas'];
const MEDIA_WIDE = [...MEDIA, 'epg', 'music', 'radio', 'novel'];

/** The registry (`intent-cv.ts --only='rt: app|cx: ...'`). */
export function confusionCandidates(): Record<string, Candidate> {
  return {
    'cx: media expert top2 w0.5': withExpert({ group: MEDIA, weight: 0.5, trigger: 'top2' }),
    'cx: media expert top2 w1': withExpert({ group: MEDIA, weight: 1, trigger: 'top2' }),
    'cx: media expert top1 w0.5': withExpert({ group: MEDIA, weight: 0.5, trigger: 'top1' }),
    'cx: wide media expert top2 w0.5': withExpert({ group: MEDIA_WIDE, weight: 0.5, trigger: 'top2' }),
    'cx: wide media expert top1 w1': withExpert({ group: MEDIA_WIDE, weight: 1, trigger: 'top1' }),
    'cx: media expert top1 w1': withExpert({ group: MEDIA, weight: 1, trigger: 'top1' }),
    'cx: media expert top1 w0.3': withExpert({ group: MEDIA, weight: 0.3, trigger: 'top1' }),
    'cx: media expert top1 w0.7': withExpert({ group: MEDIA, weight: 0.7, trigger: 'top1' }),
    'cx: media + epg expert top1 w0.5': withExpert({
      group: [...MEDIA, 'epg'],
      weight: 0.5,
      trigger: 'top1',
    }),
    'cx: media + epg + music expert top1 w0.5': withExpert({
      group: [...MEDIA, 'epg', 'music'],
      weight: 0.5,
      trigger: 'top1',
    }),
    'cx: auto sink + feeders>=2 share 0.2 top1 w0.5': withExpert({
      group: { sinkFeeders: 2, share: 0.2 },
      weight: 0.5,
      trigger: 'top1',
    }),
    'cx: auto sink + feeders>=1 share 0.2 top1 w0.5': withExpert({
      group: { sinkFeeders: 1, share: 0.2 },
      weight: 0.5,
      trigger: 'top1',
    }),
    'cx: auto sink + feeders>=2 share 0.2 top2 w1': withExpert({
      group: { sinkFeeders: 2, share: 0.2 },
      weight: 1,
      trigger: 'top2',
    }),
    'cx: map-chat expert top2 w0.5': withExpert({ group: ['map', 'chat'], weight: 0.5, trigger: 'top2' }),
  };
}
