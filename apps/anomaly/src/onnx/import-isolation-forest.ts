// An Isolation Forest exported from scikit-learn to ONNX (a TreeEnsembleRegressor of per-leaf path lengths and the
// score formula after it) converted at publish time into the app's own forest, which then scores at native speed.
import { averagePathLength } from '../forest/path-length.ts';
import type { ForestArrays } from '../forest/types.ts';
import { decodeModel, invalidModel, ML_DOMAIN, readInput } from './onnx-graph.ts';
import { findScoreFormulas, type ScoreFormula } from './score-formula.ts';
import { readTreeEnsemble, recoverSampleCount } from './tree-ensemble.ts';

export interface ImportedForest {
  forest: ForestArrays;
  featureMin: Float64Array;
  featureMax: Float64Array;
  /** The graph output the mapping describes: output = a * score + b, score = 2^(-E[h]/c). */
  formula: ScoreFormula;
  /** The graph's input name, for the record. */
  input: string;
  /** Leaves recognised as depth + c(n), stored as scikit-learn computes them instead of the float32 weight. */
  exactLeaves: number;
  leaves: number;
}

/** Parses and converts `bytes`; a 400 naming the input, node or output when they are not an Isolation Forest. */
export function importIsolationForest(bytes: Uint8Array, expectedFeatures?: number): ImportedForest {
  const graph = decodeModel(bytes);
  const input = readInput(graph);
  if (expectedFeatures !== undefined && expectedFeatures !== input.width)
    throw invalidModel(
      `model.input.${input.name}`,
      `the model takes ${input.width} features per row, expected ${expectedFeatures}`,
    );
  const ensembles = (graph.node ?? []).filter(
    (n) => n.domain === ML_DOMAIN && n.opType === 'TreeEnsembleRegressor',
  );
  if (ensembles.length !== 1) {
    const ops = [...new Set((graph.node ?? []).map((n) => n.opType))].join(', ');
    throw invalidModel(
      'model.graph',
      `not an IsolationForest: expected one ai.onnx.ml TreeEnsembleRegressor, the graph has ${ops}`,
    );
  }
  const ensemble = ensembles[0]!;
  if ((ensemble.input ?? [])[0] !== input.name)
    throw invalidModel('node TreeEnsembleRegressor', `must read the model input ${input.name} as it is`);
  const imported = readTreeEnsemble(ensemble, input);
  const formula = findScoreFormulas(graph, (ensemble.output ?? [])[0] ?? '')[0]!;
  const psi = recoverSampleCount(formula.c);
  const forest: ForestArrays = {
    ...imported.trees,
    sampleSize: psi ?? 0,
    normalizer: psi === undefined ? formula.c : averagePathLength(psi),
  };
  return {
    forest,
    featureMin: imported.featureMin,
    featureMax: imported.featureMax,
    formula,
    input: input.name,
    exactLeaves: imported.exactLeaves,
    leaves: imported.leaves,
  };
}
