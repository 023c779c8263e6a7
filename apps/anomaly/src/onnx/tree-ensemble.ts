// An ONNX-ML TreeEnsembleRegressor whose leaves hold path lengths (an exported Isolation Forest) laid out as the
// app's flat forest: children side by side, leaves holding depth + c(size), splits as ONNX Runtime makes them.
import { averagePathLength } from '../forest/path-length.ts';
import { MAX_FEATURES, type ForestArrays } from '../forest/types.ts';
import { toDoubleSplit } from './float32-split.ts';
import {
  attrFloats,
  attrInt,
  attrInts,
  attrString,
  attrStrings,
  FLOAT,
  invalidModel,
  type GraphInput,
  type Node,
} from './onnx-graph.ts';

/** A forest without its normaliser yet (the score formula after the ensemble gives it) and its split ranges. */
export interface ImportedTrees {
  trees: Omit<ForestArrays, 'normalizer' | 'sampleSize'>;
  /** Smallest and largest split threshold per feature (0 when a feature is never split on). */
  featureMin: Float64Array;
  featureMax: Float64Array;
  /** Leaves whose value was recognised as depth + c(n) and stored exactly as scikit-learn computes it. */
  exactLeaves: number;
  leaves: number;
}

interface OnnxNode {
  feature: number;
  value: number;
  mode: string;
  trueId: number;
  falseId: number;
  weight?: number;
}

/** c(n) for the n whose c is `target`, when one is within float32 rounding of it and unambiguous. */
export function recoverSampleCount(target: number): number | undefined {
  if (Math.abs(target) <= 1e-6) return 1;
  const estimate = Math.round(Math.exp((target + 2 - 2 * 0.5772156649015329) / 2) + 1);
  for (let n = Math.max(2, estimate - 3); n <= estimate + 3; n++) {
    const c = averagePathLength(n);
    const gap = averagePathLength(n + 1) - c;
    if (Math.abs(c - target) <= 1e-6 * Math.max(1, target) && gap > 1e-5 * Math.max(1, target)) return n;
  }
  return undefined;
}

export function readTreeEnsemble(node: Node, input: GraphInput): ImportedTrees {
  const where = `node ${node.opType}`;
  const aggregate = attrString(node, 'aggregate_function', 'SUM');
  if (attrInt(node, 'n_targets', 1) !== 1)
    throw invalidModel(where, 'expected n_targets 1 (one path length)');
  if (aggregate !== 'SUM' && aggregate !== 'AVERAGE')
    throw invalidModel(
      where,
      `aggregate_function ${aggregate}: an Isolation Forest sums or averages path lengths`,
    );
  if (attrString(node, 'post_transform', 'NONE') !== 'NONE')
    throw invalidModel(where, 'post_transform must be NONE');
  if (attrFloats(node, 'base_values').some((v) => v !== 0))
    throw invalidModel(where, 'base_values must be 0');

  const treeIds = attrInts(node, 'nodes_treeids');
  const nodeIds = attrInts(node, 'nodes_nodeids');
  const features = attrInts(node, 'nodes_featureids');
  const values = attrFloats(node, 'nodes_values');
  const modes = attrStrings(node, 'nodes_modes');
  const trueIds = attrInts(node, 'nodes_truenodeids');
  const falseIds = attrInts(node, 'nodes_falsenodeids');
  const n = treeIds.length;
  if ([nodeIds, features, values, modes, trueIds, falseIds].some((a) => a.length !== n) || n === 0)
    throw invalidModel(where, 'the nodes_* attributes differ in length');
  const trees = new Map<number, Map<number, OnnxNode>>();
  for (let i = 0; i < n; i++) {
    const mode = modes[i]!;
    if (mode !== 'LEAF' && mode !== 'BRANCH_LEQ' && mode !== 'BRANCH_LT')
      throw invalidModel(where, `node mode ${mode}: an Isolation Forest splits with <= (BRANCH_LEQ) or <`);
    if (mode !== 'LEAF' && !(features[i]! >= 0 && features[i]! < input.width && features[i]! < MAX_FEATURES))
      throw invalidModel(
        where,
        `a split on feature ${features[i]}, but the input has ${input.width} features`,
      );
    if (!Number.isFinite(values[i]!)) throw invalidModel(where, 'a split threshold is not finite');
    const tree = trees.get(treeIds[i]!) ?? new Map<number, OnnxNode>();
    trees.set(treeIds[i]!, tree);
    tree.set(nodeIds[i]!, {
      feature: features[i]!,
      value: values[i]!,
      mode,
      trueId: trueIds[i]!,
      falseId: falseIds[i]!,
    });
  }
  const targetTrees = attrInts(node, 'target_treeids');
  const targetNodes = attrInts(node, 'target_nodeids');
  const targetIds = attrInts(node, 'target_ids');
  const weights = attrFloats(node, 'target_weights');
  for (let i = 0; i < weights.length; i++) {
    const leaf = trees.get(targetTrees[i]!)?.get(targetNodes[i]!);
    if (!leaf || leaf.mode !== 'LEAF' || leaf.weight !== undefined || (targetIds[i] ?? 0) !== 0)
      throw invalidModel(where, 'each leaf needs exactly one weight for target 0');
    leaf.weight = weights[i]!;
  }
  return layOut(
    [...trees.entries()].sort((a, b) => a[0] - b[0]),
    aggregate === 'SUM',
    input,
    where,
  );
}

function layOut(
  trees: Array<[number, Map<number, OnnxNode>]>,
  summed: boolean,
  input: GraphInput,
  where: string,
): ImportedTrees {
  const count = trees.reduce((sum, [, t]) => sum + t.size, 0);
  const feature = new Int16Array(count);
  const threshold = new Float64Array(count);
  const left = new Int32Array(count);
  const size = new Int32Array(count);
  const roots = new Int32Array(trees.length);
  const featureMin = new Float64Array(input.width).fill(Infinity);
  const featureMax = new Float64Array(input.width).fill(-Infinity);
  const float32Input = input.elemType === FLOAT;
  let next = 0;
  let exactLeaves = 0;
  let leaves = 0;
  trees.forEach(([treeId, nodes], t) => {
    const referenced = new Set(
      [...nodes.values()].flatMap((v) => (v.mode === 'LEAF' ? [] : [v.trueId, v.falseId])),
    );
    const rootIds = [...nodes.keys()].filter((id) => !referenced.has(id));
    if (rootIds.length !== 1) throw invalidModel(where, `tree ${treeId} does not have exactly one root`);
    roots[t] = next++;
    // Breadth-first; each branch gets two adjacent slots, true (<=) child first, as the forest walk expects.
    const queue: Array<[number, number, number]> = [[rootIds[0]!, roots[t]!, 0]];
    let placed = 1;
    while (queue.length > 0) {
      const [id, slot, depth] = queue.shift()!;
      const v = nodes.get(id)!;
      if (v.mode === 'LEAF') {
        if (v.weight === undefined) throw invalidModel(where, `leaf ${id} of tree ${treeId} has no weight`);
        const pathLength = summed ? v.weight * trees.length : v.weight;
        const n = recoverSampleCount(pathLength - depth);
        feature[slot] = -1;
        threshold[slot] = n === undefined ? pathLength : depth + averagePathLength(n);
        size[slot] = n ?? 0;
        leaves++;
        if (n !== undefined) exactLeaves++;
        continue;
      }
      const yes = nodes.get(v.trueId);
      const no = nodes.get(v.falseId);
      if (!yes || !no || placed + 2 > nodes.size)
        throw invalidModel(where, `node ${id} of tree ${treeId} has children missing or shared`);
      feature[slot] = v.feature;
      threshold[slot] = toDoubleSplit(v.value, v.mode === 'BRANCH_LT', float32Input);
      featureMin[v.feature] = Math.min(featureMin[v.feature]!, threshold[slot]!);
      featureMax[v.feature] = Math.max(featureMax[v.feature]!, threshold[slot]!);
      left[slot] = next;
      queue.push([v.trueId, next, depth + 1], [v.falseId, next + 1, depth + 1]);
      next += 2;
      placed += 2;
    }
    if (placed !== nodes.size) throw invalidModel(where, `tree ${treeId} has nodes its root does not reach`);
  });
  for (let f = 0; f < input.width; f++) {
    if (!Number.isFinite(featureMin[f]!)) featureMin[f] = featureMax[f] = 0;
  }
  return {
    trees: { nTrees: trees.length, nFeatures: input.width, roots, feature, threshold, left, size },
    featureMin,
    featureMax,
    exactLeaves,
    leaves,
  };
}
