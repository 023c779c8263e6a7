// A glitch of a few range-widths (under the gross-outlier limit of value-range.ts) must not hide later spikes for long.
import { describe, expect, it } from 'vitest';
import { createRng } from '@suite/shared/ml';
import { createSeriesDetector } from './series-detector.ts';

const MIN = 60_000;
/** One point a minute near 100: a slow wave and a little deterministic noise, range about [98, 103]. */
const usual = (i: number) => 100 + 2 * Math.sin(i / 30) + ((i * 7919) % 13) / 13;

/** The verdict on a spike 2 range-widths above the usual values, `gap` points after an optional glitch. */
function spikeVerdict(glitchWidths: number | null, gap: number): string {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < 300; i++) [low, high] = [Math.min(low, usual(i)), Math.max(high, usual(i))];
  const width = high - low;
  const d = createSeriesDetector(createRng(1));
  for (let i = 0; i < 300 + gap; i++) {
    const r = d.push(i * MIN, i === 300 && glitchWidths !== null ? high + glitchWidths * width : usual(i));
    if (i === 300 && glitchWidths !== null) expect(r.verdict).toBe('anomaly');
  }
  return d.push((300 + gap) * MIN, high + 2 * width).verdict;
}

describe('a series after a glitch of a few range-widths', () => {
  it('alarms on a spike of 2 widths when there was no glitch', () => {
    expect(spikeVerdict(null, 2000)).toBe('anomaly');
  });

  // Before: the glitch widened the range like any new extreme and stayed in it until it left the 8,192-point
  // window, so a spike lower than the glitch, 2,000 points (a day and a half at one a minute) later, was not beyond
  // it. Now a one-point excursion of 5 widths or more fades out of the range with a half-life of 1,024 points.
  it('alarms on that spike 2,000 points after a one-point glitch of 5 widths', () => {
    expect(spikeVerdict(5, 2000)).toBe('anomaly');
  });

  it('has not faded the glitch 200 points after it: a lower spike then is inside the range, as any new high makes it', () => {
    expect(spikeVerdict(5, 200)).toBe('normal');
  });
});
