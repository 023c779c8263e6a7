// Builds a two-input ONNX model (sum = a + b, any element type) with onnx-proto, for the tests of named inputs,
// integer datatypes and a missing input: the committed framework exports all have a single FP32 input.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/**
 * `a` and `b` of `elemType` [N, width] -> `sum` [N, width]; elemType is an onnx.TensorProto.DataType value, and a
 * string width is a second dynamic dimension of that name (as in a model over sequences of any length).
 */
export function createSumModel(elemType: number, width: number | string): Uint8Array {
  const info = (name: string) =>
    onnx.ValueInfoProto.create({
      name,
      type: onnx.TypeProto.create({
        tensorType: onnx.TypeProto.Tensor.create({
          elemType,
          shape: onnx.TensorShapeProto.create({
            dim: [{ dimParam: 'N' }, typeof width === 'string' ? { dimParam: width } : { dimValue: width }],
          }),
        }),
      }),
    });
  const graph = onnx.GraphProto.create({
    name: 'sum',
    input: [info('a'), info('b')],
    output: [info('sum')],
    node: [onnx.NodeProto.create({ opType: 'Add', input: ['a', 'b'], output: ['sum'], name: 'add' })],
  });
  const model = onnx.ModelProto.create({ irVersion: 8, graph, opsetImport: [{ domain: '', version: 17 }] });
  return onnx.ModelProto.encode(model).finish();
}

export const INT64 = onnx.TensorProto.DataType.INT64;
export const FLOAT = onnx.TensorProto.DataType.FLOAT;
