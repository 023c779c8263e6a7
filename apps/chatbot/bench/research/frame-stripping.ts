// A candidate of issue 11 (1 Dec 2026, 14:45 UTC) for the bare titles SMP2018's app gets wrong ("古惑仔", "金山词霸"):
// the training rows mostly wrap a name in a frame ("播放X", "打开X", "X这首歌"), so the model learns the frame and
// little of the name. Frames are mined from the fold's own rows (a message's first or last 2-4 characters shared by
// `minCount` rows of its intent), and each framed row gains a copy with the frame cut off, the bare name, under the
// same intent. Research form: copies appended to the fold's rows; nothing here is in src/.
import { trainIntentClassifier } from '../../src/nlp/train-intent-classifier.ts';
import type { IntentRow } from '../intent-data.ts';
import type { Candidate } from './candidates.ts';

export interface FrameSpec {
  ends: ('start' | 'end')[];
  minCount: number;
  /** Shortest bare name kept, in characters. */
  minRest: number;
}

/** Frames per intent and end: strings of 2-4 characters opening (or closing) `minCount` rows of that intent. */
function mineFrames(rows: IntentRow[], spec: FrameSpec): Map<string, string[]> {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const chars = [...r.text];
    for (const end of spec.ends)
      for (let n = 2; n <= 4 && n + spec.minRest <= chars.length; n++) {
        const piece = end === 'start' ? chars.slice(0, n).join('') : chars.slice(-n).join('');
        const key = `${r.intent}\u0000${end}\u0000${piece}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
  }
  const frames = new Map<string, string[]>();
  for (const [key, n] of counts) {
    if (n < spec.minCount) continue;
    const [intent, end, piece] = key.split('\u0000') as [string, string, string];
    const k = `${intent}\u0000${end}`;
    frames.set(k, [...(frames.get(k) ?? []), piece]);
  }
  // Longest first, so "我想看" is cut before "我想".
  for (const list of frames.values()) list.sort((a, b) => b.length - a.length);
  return frames;
}

/** The row's text without its intent's longest frame at each end asked for, or undefined when nothing was cut. */
export function stripFrames(text: string, intent: string, frames: Map<string, string[]>, spec: FrameSpec) {
  let rest = text;
  for (const end of spec.ends) {
    const list = frames.get(`${intent}\u0000${end}`) ?? [];
    const hit = list.find((f) =>
      end === 'start' ? rest.startsWith(f) : rest.endsWith(f) && rest.length > f.length,
    );
    if (hit === undefined) continue;
    const cut = end === 'start' ? rest.slice(hit.length) : rest.slice(0, rest.length - hit.length);
    if ([...cut.replace(/[\p{P}\s]/gu, '')].length >= spec.minRest) rest = cut;
  }
  return rest === text ? undefined : rest;
}

export function withBareNames(spec: FrameSpec): Candidate {
  return (fit) => {
    const frames = mineFrames(fit, spec);
    const extra: IntentRow[] = [];
    for (const r of fit) {
      const bare = stripFrames(r.text, r.intent, frames, spec);
      if (bare !== undefined) extra.push({ ...r, text: bare });
    }
    if (process.env.CX_DEBUG !== undefined)
      console.error(JSON.stringify({ copies: extra.length, sample: extra.slice(0, 8).map((r) => r.text) }));
    const clf = trainIntentClassifier([...fit, ...extra]);
    return (text) => {
      const out = new Float64Array(clf.labels.length);
      out[clf.labels.indexOf(clf.predict(text).intent)] = 1;
      return out;
    };
  };
}

/** The registry (`intent-cv.ts --only='app|fs: ...'`). */
export function frameCandidates(): Record<string, Candidate> {
  return {
    'fs: bare names, opening frames, 3 rows': withBareNames({ ends: ['start'], minCount: 3, minRest: 2 }),
    'fs: bare names, both ends, 3 rows': withBareNames({ ends: ['start', 'end'], minCount: 3, minRest: 2 }),
    'fs: bare names, both ends, 5 rows': withBareNames({ ends: ['start', 'end'], minCount: 5, minRest: 2 }),
  };
}
