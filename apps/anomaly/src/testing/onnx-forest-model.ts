// Builds small ONNX tree-ensemble graphs with onnx-proto, for the import's edge cases the committed scikit-learn
// export does not cover (strict splits, averaged leaves, other score outputs, graphs that are no forest).
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const A = onnx.AttributeProto.AttributeType;

export interface TreeNode {
  /** Leaf: its weight. Branch: feature, threshold and the two children. */
  weight?: number;
  feature?: number;
  value?: number;
  yes?: TreeNode;
  no?: TreeNode;
}

export interface ForestGraphOptions {
  trees: TreeNode[];
  width: number;
  mode?: 'BRANCH_LEQ' | 'BRANCH_LT';
  aggregate?: 'SUM' | 'AVERAGE';
  /** c(psi) of the score 2^(-p/c). */
  c: number;
  /** 'decision' (offset 0.5), 'samples' (score_samples) or 'linear' (p itself: no Isolation Forest score). */
  output: 'decision' | 'samples' | 'linear';
  elemType?: number;
}

const ints = (name: string, v: number[]) => ({ name, type: A.INTS, ints: v });
const floats = (name: string, v: number[]) => ({ name, type: A.FLOATS, floats: v });
const text = (s: string) => new TextEncoder().encode(s);
const constant = (name: string, v: number) =>
  onnx.NodeProto.create({
    opType: 'Constant',
    output: [name],
    attribute: [
      {
        name: 'value',
        type: A.TENSOR,
        t: { name, dataType: onnx.TensorProto.DataType.FLOAT, floatData: [v] },
      },
    ],
  });

export function createForestModel(options: ForestGraphOptions): Uint8Array {
  const a: Record<string, number[]> = {};
  const modes: string[] = [];
  const push = (key: string, v: number) => (a[key] ??= []).push(v);
  options.trees.forEach((root, t) => {
    let id = 0;
    const visit = (n: TreeNode): number => {
      const me = id++;
      push('nodes_treeids', t);
      push('nodes_nodeids', me);
      const at = a['nodes_nodeids']!.length - 1;
      for (const k of ['nodes_featureids', 'nodes_values', 'nodes_truenodeids', 'nodes_falsenodeids'])
        push(k, 0);
      if (n.weight !== undefined) {
        modes.push('LEAF');
        for (const [k, v] of [
          ['target_treeids', t],
          ['target_nodeids', me],
          ['target_ids', 0],
          ['target_weights', n.weight],
        ] as const)
          push(k, v);
        return me;
      }
      modes.push(options.mode ?? 'BRANCH_LEQ');
      a['nodes_featureids']![at] = n.feature!;
      a['nodes_values']![at] = n.value!;
      a['nodes_truenodeids']![at] = visit(n.yes!);
      a['nodes_falsenodeids']![at] = visit(n.no!);
      return me;
    };
    visit(root);
  });
  const ensemble = onnx.NodeProto.create({
    opType: 'TreeEnsembleRegressor',
    domain: 'ai.onnx.ml',
    input: ['x'],
    output: ['p'],
    attribute: [
      ...[
        'nodes_treeids',
        'nodes_nodeids',
        'nodes_featureids',
        'nodes_truenodeids',
        'nodes_falsenodeids',
      ].map((k) => ints(k, a[k]!)),
      ...['target_treeids', 'target_nodeids', 'target_ids'].map((k) => ints(k, a[k]!)),
      floats('nodes_values', a['nodes_values']!),
      floats('target_weights', a['target_weights']!),
      { name: 'nodes_modes', type: A.STRINGS, strings: modes.map(text) },
      { name: 'n_targets', type: A.INT, i: 1 },
      { name: 'aggregate_function', type: A.STRING, s: text(options.aggregate ?? 'SUM') },
    ],
  });
  const nodes = [ensemble];
  if (options.output === 'linear')
    nodes.push(onnx.NodeProto.create({ opType: 'Identity', input: ['p'], output: ['y'] }));
  else {
    // Written as skl2onnx might: a division by c and a subtraction, instead of the committed export's Mul and Add.
    nodes.push(
      constant('c', options.c),
      constant('two', 2),
      constant('half', 0.5),
      onnx.NodeProto.create({ opType: 'Div', input: ['p', 'c'], output: ['e'] }),
      onnx.NodeProto.create({ opType: 'Neg', input: ['e'], output: ['ne'] }),
      onnx.NodeProto.create({ opType: 'Pow', input: ['two', 'ne'], output: ['s'] }),
      onnx.NodeProto.create(
        options.output === 'decision'
          ? { opType: 'Sub', input: ['half', 's'], output: ['y'] }
          : { opType: 'Neg', input: ['s'], output: ['y'] },
      ),
    );
  }
  const tensor = (name: string, dims: Array<{ dimParam?: string; dimValue?: number }>) =>
    onnx.ValueInfoProto.create({
      name,
      type: {
        tensorType: { elemType: options.elemType ?? onnx.TensorProto.DataType.FLOAT, shape: { dim: dims } },
      },
    });
  const graph = onnx.GraphProto.create({
    name: 'forest',
    node: nodes,
    input: [tensor('x', [{ dimParam: 'N' }, { dimValue: options.width }])],
    output: [tensor('y', [{ dimParam: 'N' }, { dimValue: 1 }])],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    graph,
    opsetImport: [
      { domain: '', version: 17 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
  });
  return onnx.ModelProto.encode(model).finish();
}
