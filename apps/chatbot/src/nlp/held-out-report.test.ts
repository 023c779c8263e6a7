import { describe, expect, it } from 'vitest';
import { getDemoKnowledgeBase } from '../kb/demo-knowledge-bases.ts';
import { trainOnKnowledgeBase } from '../kb/knowledge-base-training.ts';
import { describeHeldOut, MIN_READABLE_HELD_OUT, wilsonInterval95 } from './held-out-report.ts';

describe('held-out report', () => {
  it('gives the Wilson 95% interval of the share', () => {
    const [lo, hi] = wilsonInterval95(20, 42);
    expect(lo).toBeCloseTo(0.334, 3);
    expect(hi).toBeCloseTo(0.623, 3);
    expect(wilsonInterval95(0, 5)[0]).toBe(0);
    expect(wilsonInterval95(5, 5)[1]).toBe(1);
  });

  it('cautions below MIN_READABLE_HELD_OUT rows only, and reports nothing held out as null', () => {
    const small = describeHeldOut(20, 42, 21);
    expect(small).toMatchObject({ heldOut: 42, heldOutInterval95: [0.334, 0.623] });
    expect(small.heldOutAccuracy).toBeCloseTo(20 / 42, 12);
    expect(small.heldOutCaution).toMatch(/^42 held-out rows \(about 2 per intent\).*0\.334-0\.623; too few/);
    expect(describeHeldOut(80, MIN_READABLE_HELD_OUT, 10).heldOutCaution).toBeNull();
    expect(describeHeldOut(0, 0, 3)).toEqual({
      heldOut: 0,
      heldOutAccuracy: null,
      heldOutInterval95: null,
      heldOutCaution: null,
    });
  });

  it("the demo's training report says its held-out accuracy rests on 42 rows, two per intent", async () => {
    // POST /api/train's defaults (augment, seed 1) on the default demo, en + zh + es: 410 examples, 21 intents.
    const { info } = await trainOnKnowledgeBase(getDemoKnowledgeBase(), [], undefined, {
      augment: true,
      seed: 1,
      minConfidence: 0.55,
      languageTemperatureRows: false,
    });
    expect(info).toMatchObject({ examples: 410, intents: 21, heldOut: 42 });
    const accuracy = info.heldOutAccuracy as number;
    // Scored on the real held-out utterances only: a whole number of the 42 rows, none of the augmented copies.
    expect(Number.isInteger(Math.round(accuracy * 42 * 1e9) / 1e9)).toBe(true);
    const [lo, hi] = info.heldOutInterval95 as [number, number];
    expect(lo).toBeLessThan(accuracy);
    expect(hi).toBeGreaterThan(accuracy);
    expect(hi - lo).toBeGreaterThan(0.2);
    expect(info.heldOutCaution).toMatch(/^42 held-out rows \(about 2 per intent\)/);
  });
});
