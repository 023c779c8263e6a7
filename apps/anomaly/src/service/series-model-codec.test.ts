import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '@suite/shared/ml';
import { ForestFormatError } from '../forest/forest-codec.ts';
import { createSeriesDetector } from '../stream/series-detector.ts';
import { decodeSeriesModel, encodeSeriesModel } from './series-model-codec.ts';
import { seriesModelName } from './series-model-name.ts';

describe('series model codec', () => {
  const d = createSeriesDetector(createRng(1), { nTrees: 10 });
  for (let i = 0; i < 200; i++) d.observe(i * 60_000, Math.sin(i / 7));
  const model = d.refit();

  it('round-trips calibration, feature ranges and forest', () => {
    const back = decodeSeriesModel(encodeSeriesModel(model));
    expect(back.scoreMean).toBe(model.scoreMean);
    expect(back.scoreStd).toBe(model.scoreStd);
    expect(back.threshold).toBe(model.threshold);
    expect(back.averageMean).toBe(model.averageMean);
    expect(back.averageStd).toBe(model.averageStd);
    expect(back.trainedRows).toBe(200);
    expect(back.featureMin).toEqual(model.featureMin);
    expect(back.featureMax).toEqual(model.featureMax);
    expect(back.forest.threshold).toEqual(model.forest.threshold);
  });

  it('loads a model published in the first format (ISM2) and scores with it', () => {
    // Written by the detector and codec as they were before the likelihood (commit 68ed594), never regenerated.
    const bytes = readFileSync(new URL('../testing/fixtures/series-model-ism2.bin', import.meta.url));
    const old = decodeSeriesModel(new Uint8Array(bytes));
    expect(old.trainedRows).toBe(256);
    expect(old.scoreMean).toBeCloseTo(0.541310113910958, 15);
    expect(old.threshold).toBeCloseTo(0.7848932607926764, 15);
    // No likelihood reference was stored: the in-sample score distribution stands in for it.
    expect(old.averageMean).toBe(old.scoreMean);
    expect(old.averageStd).toBe(old.scoreStd);
    expect(old.forest.nTrees).toBe(3);
    const served = createSeriesDetector(createRng(2));
    served.setModel(old, true);
    const r = served.push(Date.UTC(2026, 0, 2), 50);
    expect(r.verdict).toBe('normal');
    expect(served.push(Date.UTC(2026, 0, 2, 0, 5), 500).verdict).toBe('anomaly');
    // Re-encoded, it is a current-format artifact with the same content.
    expect(decodeSeriesModel(encodeSeriesModel(old))).toEqual(old);
  });

  it('refuses a forest artifact without the calibration header', () => {
    const bytes = encodeSeriesModel(model);
    expect(() => decodeSeriesModel(bytes.subarray(100))).toThrow(ForestFormatError);
  });

  it('maps series ids to valid store names, hashing ids the store cannot hold', () => {
    expect(seriesModelName('cpu.web-1')).toBe('series-cpu.web-1');
    const hashed = seriesModelName('CPU:Web/1'.replace('/', '-'));
    expect(hashed).toMatch(/^series-h-[0-9a-f]{24}$/);
    expect(seriesModelName('CPU:Web-1')).toBe(hashed);
  });
});
