// Research only: a generative classifier of per-class character n-gram language models (Peng & Schuurmans 2003,
// "Combining naive Bayes and n-gram language models"), Witten-Bell interpolation down to a shared unigram model.
// Scores are log P(message | class) + log P(class): a sequence model, unlike the bag of n-grams the SVM sees.
import type { Learner } from './block-learners.ts';

const SEP = '\u0001';

interface Counts {
  /** Count of context + next char, keyed `${context}${SEP}${char}`. */
  joint: Map<string, number>;
  /** Per context: total continuations and distinct continuations. */
  total: Map<string, number>;
  distinct: Map<string, number>;
}

function emptyCounts(): Counts {
  return { joint: new Map(), total: new Map(), distinct: new Map() };
}

function add(c: Counts, context: string, ch: string): void {
  const key = `${context}${SEP}${ch}`;
  const prev = c.joint.get(key) ?? 0;
  c.joint.set(key, prev + 1);
  c.total.set(context, (c.total.get(context) ?? 0) + 1);
  if (prev === 0) c.distinct.set(context, (c.distinct.get(context) ?? 0) + 1);
}

function sequence(chars: string): string[] {
  return [...chars, '$'];
}

/**
 * @param order n of the n-grams (3 = two characters of context).
 * @param globalWeight how much the shared (all-class) unigram model holds up each class's unigrams.
 */
export function charLm(order: number, globalWeight = 1): Learner {
  return (ms, ys, classes) => {
    const perClass = Array.from({ length: classes }, emptyCounts);
    const uni = new Map<string, number>();
    const prior = new Float64Array(classes);
    let uniTotal = 0;
    ms.forEach((m, i) => {
      const c = perClass[ys[i] as number] as Counts;
      prior[ys[i] as number] = (prior[ys[i] as number] as number) + 1;
      const seq = sequence(m.chars);
      const padded = ['^', '^', '^', '^', '^'].slice(0, order - 1).concat(seq);
      for (let p = order - 1; p < padded.length; p++) {
        const ch = padded[p] as string;
        uni.set(ch, (uni.get(ch) ?? 0) + 1);
        uniTotal++;
        for (let h = 0; h < order; h++) add(c, padded.slice(p - h, p).join(''), ch);
      }
    });
    const vocab = uni.size + 1;
    const logPrior = Array.from(prior, (p) => Math.log((p + 1) / (ms.length + classes)));
    const pGlobal = (ch: string) => ((uni.get(ch) ?? 0) + 1) / (uniTotal + vocab);
    function prob(c: Counts, history: string[], ch: string): number {
      let p = pGlobal(ch);
      // From the empty context up: each order interpolates with the one below (Witten-Bell).
      for (let h = 0; h <= history.length; h++) {
        const context = history.slice(history.length - h).join('');
        const total = c.total.get(context) ?? 0;
        if (total === 0) break;
        const distinct = (c.distinct.get(context) ?? 0) * (h === 0 ? globalWeight : 1);
        p = ((c.joint.get(`${context}${SEP}${ch}`) ?? 0) + distinct * p) / (total + distinct);
      }
      return p;
    }
    return (m) => {
      const seq = sequence(m.chars);
      const padded = ['^', '^', '^', '^', '^'].slice(0, order - 1).concat(seq);
      const out = Float64Array.from(logPrior);
      for (let k = 0; k < classes; k++) {
        const c = perClass[k] as Counts;
        let s = out[k] as number;
        for (let p = order - 1; p < padded.length; p++)
          s += Math.log(prob(c, padded.slice(p - order + 1, p), padded[p] as string));
        out[k] = s;
      }
      return out;
    };
  };
}
