// Artifact of a calibrated model: calibration header + feature ranges + the forest's own binary, and store names.
import { createHash } from 'node:crypto';
import { decodeForest, encodeForest, ForestFormatError } from '../forest/forest-codec.ts';
import type { SeriesModel } from '../stream/series-detector.ts';

const MAGIC = 0x324d5349; // 'ISM2'
const HEADER_BYTES = 40;

/**
 * magic u32, trainedRows u32, mean f64, std f64, threshold f64, features u32, reserved u32;
 * then featureMin f64[d], featureMax f64[d]; then the forest artifact.
 */
export function encodeSeriesModel(model: SeriesModel): Uint8Array {
  const forest = encodeForest(model.forest);
  const d = model.forest.nFeatures;
  const out = new Uint8Array(HEADER_BYTES + d * 16 + forest.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, model.trainedRows, true);
  view.setFloat64(8, model.scoreMean, true);
  view.setFloat64(16, model.scoreStd, true);
  view.setFloat64(24, model.threshold, true);
  view.setUint32(32, d, true);
  for (let f = 0; f < d; f++) {
    view.setFloat64(HEADER_BYTES + f * 8, model.featureMin[f]!, true);
    view.setFloat64(HEADER_BYTES + (d + f) * 8, model.featureMax[f]!, true);
  }
  out.set(forest, HEADER_BYTES + d * 16);
  return out;
}

export function decodeSeriesModel(bytes: Uint8Array): SeriesModel {
  if (bytes.byteLength < HEADER_BYTES) throw new ForestFormatError('model artifact shorter than its header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new ForestFormatError('not a calibrated anomaly model');
  const scoreStd = view.getFloat64(16, true);
  if (!(scoreStd > 0)) throw new ForestFormatError('model has no positive score deviation');
  const d = view.getUint32(32, true);
  if (HEADER_BYTES + d * 16 > bytes.byteLength) throw new ForestFormatError('model artifact truncated');
  const featureMin = new Float64Array(d);
  const featureMax = new Float64Array(d);
  for (let f = 0; f < d; f++) {
    featureMin[f] = view.getFloat64(HEADER_BYTES + f * 8, true);
    featureMax[f] = view.getFloat64(HEADER_BYTES + (d + f) * 8, true);
  }
  const forest = decodeForest(bytes.subarray(HEADER_BYTES + d * 16));
  if (forest.nFeatures !== d) throw new ForestFormatError('feature ranges do not match the forest');
  return {
    trainedRows: view.getUint32(4, true),
    scoreMean: view.getFloat64(8, true),
    scoreStd,
    threshold: view.getFloat64(24, true),
    featureMin,
    featureMax,
    forest,
  };
}

/** Model store names allow [a-z0-9._-]; other series ids get a stable hash so any valid id maps to one name. */
export function seriesModelName(seriesId: string): string {
  if (/^[a-z0-9][a-z0-9._-]{0,55}$/.test(seriesId)) return `series-${seriesId}`;
  return `series-h-${createHash('sha256').update(seriesId).digest('hex').slice(0, 24)}`;
}
