import { describe, expect, it } from 'vitest';
import { createRng } from '@suite/shared/ml';
import { ForestFormatError } from '../forest/forest-codec.ts';
import { createSeriesDetector } from '../stream/series-detector.ts';
import { decodeSeriesModel, encodeSeriesModel, seriesModelName } from './series-model-codec.ts';

describe('series model codec', () => {
  const d = createSeriesDetector(createRng(1), { nTrees: 10 });
  for (let i = 0; i < 200; i++) d.observe(i * 60_000, Math.sin(i / 7));
  const model = d.refit();

  it('round-trips calibration, feature ranges and forest', () => {
    const back = decodeSeriesModel(encodeSeriesModel(model));
    expect(back.scoreMean).toBe(model.scoreMean);
    expect(back.scoreStd).toBe(model.scoreStd);
    expect(back.threshold).toBe(model.threshold);
    expect(back.trainedRows).toBe(200);
    expect(back.featureMin).toEqual(model.featureMin);
    expect(back.featureMax).toEqual(model.featureMax);
    expect(back.forest.threshold).toEqual(model.forest.threshold);
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
