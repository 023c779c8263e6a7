// Builds an ONNX MLP of a chosen size with seeded random weights (onnx-proto), for benches that need a model of a
// given weight (the cold start of a 1 MB model) without committing megabytes of .onnx to the repository.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export interface MlpOptions {
  inputs: number;
  hidden: number;
  outputs: number;
  seed?: number;
}

function valueInfo(name: string, shape: (number | string)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: onnx.TensorShapeProto.create({
          dim: shape.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })),
        }),
      }),
    }),
  });
}

/** `features` FP32 [batch, inputs] -> Gemm, Relu, Gemm, Relu, Gemm, Softmax -> `probabilities` [batch, outputs]. */
export function createMlpModel(options: MlpOptions): Uint8Array {
  let state = options.seed ?? 1;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5;
  const weights = (name: string, rows: number, cols: number) => {
    const data = Float32Array.from({ length: rows * cols }, () => random() * (2 / Math.sqrt(cols)));
    return onnx.TensorProto.create({
      name,
      dims: rows === 1 ? [cols] : [rows, cols],
      dataType: onnx.TensorProto.DataType.FLOAT,
      rawData: new Uint8Array(data.buffer),
    });
  };
  const { inputs, hidden, outputs } = options;
  const gemm = (x: string, w: string, b: string, y: string) =>
    onnx.NodeProto.create({
      opType: 'Gemm',
      input: [x, w, b],
      output: [y],
      name: y,
      attribute: [
        onnx.AttributeProto.create({ name: 'transB', type: onnx.AttributeProto.AttributeType.INT, i: 1 }),
      ],
    });
  const relu = (x: string, y: string) =>
    onnx.NodeProto.create({ opType: 'Relu', input: [x], output: [y], name: y });
  const graph = onnx.GraphProto.create({
    name: 'mlp',
    input: [valueInfo('features', ['batch', inputs])],
    output: [valueInfo('probabilities', ['batch', outputs])],
    initializer: [
      weights('w1', hidden, inputs),
      weights('b1', 1, hidden),
      weights('w2', hidden, hidden),
      weights('b2', 1, hidden),
      weights('w3', outputs, hidden),
      weights('b3', 1, outputs),
    ],
    node: [
      gemm('features', 'w1', 'b1', 'h1'),
      relu('h1', 'a1'),
      gemm('a1', 'w2', 'b2', 'h2'),
      relu('h2', 'a2'),
      gemm('a2', 'w3', 'b3', 'logits'),
      onnx.NodeProto.create({
        opType: 'Softmax',
        input: ['logits'],
        output: ['probabilities'],
        name: 'softmax',
        attribute: [
          onnx.AttributeProto.create({ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }),
        ],
      }),
    ],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'suite-bench',
    graph,
    opsetImport: [{ domain: '', version: 17 }],
  });
  return onnx.ModelProto.encode(model).finish();
}
