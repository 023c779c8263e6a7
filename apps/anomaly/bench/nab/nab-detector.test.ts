import { describe, expect, it } from 'vitest';
import { runNabDetector } from './nab-detector.ts';

// A calm sine with a spike every 150 points: a series that keeps alarming.
const n = 3000;
const timestamps = Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * 300_000);
const values = Float64Array.from({ length: n }, (_, i) => 10 + Math.sin(i / 10) + (i % 150 === 149 ? 30 : 0));
const options = { seed: 1, windowSize: 1024, nTrees: 20, rankWindow: 500, cooldown: 20 };

/** Points after the warm-up that a detector output leaves silenced (score exactly 0). */
const silenced = (scores: Float64Array) => scores.subarray(200).filter((s) => s === 0).length;

describe('NAB detector post-processing', () => {
  it('damps a frequently alarming series longer with the adaptive cooldown', () => {
    const plain = runNabDetector(timestamps, values, options);
    const adaptive = runNabDetector(timestamps, values, { ...options, adaptiveCooldown: 5 });
    expect(silenced(adaptive)).toBeGreaterThan(silenced(plain));
    // The first spike after warm-up scores as before: the damping only follows alarms.
    expect(adaptive[149 + 150]).toBe(plain[149 + 150]);
    expect(adaptive[149 + 150]).toBeGreaterThan(0.5);
  });
});
