// Artifact of a calibrated model: calibration header + feature ranges + the forest's own binary. Free of Node APIs:
// the console's offline mode decodes it in the browser (store names are in series-model-name.ts).
import { decodeForest, encodeForest, ForestFormatError } from '../forest/forest-codec.ts';
import type { SeriesModel } from '../stream/series-detector.ts';

/** First format ('ISM2'): no likelihood reference; still decoded, so models published before it keep loading. */
const MAGIC_V2 = 0x324d5349;
const HEADER_V2 = 40;
/** Current format ('ISM3'): the v2 header plus the likelihood reference (averageMean, averageStd). */
const MAGIC_V3 = 0x334d5349;
const HEADER_V3 = 56;

/**
 * magic u32, trainedRows u32, scoreMean f64, scoreStd f64, threshold f64, features u32, reserved u32,
 * averageMean f64, averageStd f64; then featureMin f64[d], featureMax f64[d]; then the forest artifact.
 */
export function encodeSeriesModel(model: SeriesModel): Uint8Array {
  const forest = encodeForest(model.forest);
  const d = model.forest.nFeatures;
  const out = new Uint8Array(HEADER_V3 + d * 16 + forest.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC_V3, true);
  view.setUint32(4, model.trainedRows, true);
  view.setFloat64(8, model.scoreMean, true);
  view.setFloat64(16, model.scoreStd, true);
  view.setFloat64(24, model.threshold, true);
  view.setUint32(32, d, true);
  view.setFloat64(40, model.averageMean, true);
  view.setFloat64(48, model.averageStd, true);
  for (let f = 0; f < d; f++) {
    view.setFloat64(HEADER_V3 + f * 8, model.featureMin[f]!, true);
    view.setFloat64(HEADER_V3 + (d + f) * 8, model.featureMax[f]!, true);
  }
  out.set(forest, HEADER_V3 + d * 16);
  return out;
}

/** Decodes either format; a v2 model judges the likelihood against its in-sample score mean and deviation. */
export function decodeSeriesModel(bytes: Uint8Array): SeriesModel {
  if (bytes.byteLength < HEADER_V2) throw new ForestFormatError('model artifact shorter than its header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, true);
  if (magic !== MAGIC_V2 && magic !== MAGIC_V3) throw new ForestFormatError('not a calibrated anomaly model');
  const header = magic === MAGIC_V3 ? HEADER_V3 : HEADER_V2;
  if (bytes.byteLength < header) throw new ForestFormatError('model artifact shorter than its header');
  const scoreMean = view.getFloat64(8, true);
  const scoreStd = view.getFloat64(16, true);
  if (!(scoreStd > 0)) throw new ForestFormatError('model has no positive score deviation');
  const averageMean = magic === MAGIC_V3 ? view.getFloat64(40, true) : scoreMean;
  const averageStd = magic === MAGIC_V3 ? view.getFloat64(48, true) : scoreStd;
  if (!Number.isFinite(averageMean) || !(averageStd > 0))
    throw new ForestFormatError('model has no valid likelihood reference');
  const d = view.getUint32(32, true);
  if (header + d * 16 > bytes.byteLength) throw new ForestFormatError('model artifact truncated');
  const featureMin = new Float64Array(d);
  const featureMax = new Float64Array(d);
  for (let f = 0; f < d; f++) {
    featureMin[f] = view.getFloat64(header + f * 8, true);
    featureMax[f] = view.getFloat64(header + (d + f) * 8, true);
  }
  const forest = decodeForest(bytes.subarray(header + d * 16));
  if (forest.nFeatures !== d) throw new ForestFormatError('feature ranges do not match the forest');
  return {
    trainedRows: view.getUint32(4, true),
    scoreMean,
    scoreStd,
    averageMean,
    averageStd,
    threshold: view.getFloat64(24, true),
    featureMin,
    featureMax,
    forest,
  };
}
