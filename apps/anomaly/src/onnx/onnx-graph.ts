// Reading an ONNX model's graph (protobuf, decoded by onnx-proto): nodes by type, attributes and constant tensors
// as plain numbers, the one graph input's element type and width. Everything refused names what it found.
import onnxProto from 'onnx-proto';
import { ValidationError } from '@suite/shared/errors';

const { onnx } = onnxProto;
export type Graph = onnxProto.onnx.IGraphProto;
export type Node = onnxProto.onnx.INodeProto;
type Tensor = onnxProto.onnx.ITensorProto;
type Attribute = onnxProto.onnx.IAttributeProto;
type Int64 = number | { toNumber(): number };

export const FLOAT = onnx.TensorProto.DataType.FLOAT;
export const DOUBLE = onnx.TensorProto.DataType.DOUBLE;
/** The ONNX-ML operator domain (tree ensembles, linear models). */
export const ML_DOMAIN = 'ai.onnx.ml';

/** A 400 naming `path` (for example `model.input`, `node TreeEnsembleRegressor`) and what is wrong there. */
export const invalidModel = (path: string, message: string) =>
  new ValidationError(`${path}: ${message}`, [{ path, message }]);

const toNumber = (v: Int64 | null | undefined): number =>
  v === null || v === undefined ? 0 : typeof v === 'number' ? v : v.toNumber();

/** Decodes the bytes; anything that is not an ONNX ModelProto with a graph is a 400. */
export function decodeModel(bytes: Uint8Array): Graph {
  let model: onnxProto.onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw invalidModel('body', `not an ONNX model (${error instanceof Error ? error.message : 'protobuf'})`);
  }
  if (!model.graph || (model.graph.node ?? []).length === 0)
    throw invalidModel('body', 'not an ONNX model: no graph with nodes');
  return model.graph;
}

export interface GraphInput {
  name: string;
  elemType: number;
  /** The fixed second dimension: features per row. */
  width: number;
}

/** The single [N, F] float or double input (initializers are not inputs); F must be fixed. */
export function readInput(graph: Graph): GraphInput {
  const initialized = new Set((graph.initializer ?? []).map((t) => t.name));
  const inputs = (graph.input ?? []).filter((i) => !initialized.has(i.name));
  if (inputs.length !== 1)
    throw invalidModel('model.input', `expected one input of feature rows, found ${inputs.length}`);
  const input = inputs[0]!;
  const tensor = input.type?.tensorType;
  const dims = tensor?.shape?.dim ?? [];
  const elemType = tensor?.elemType ?? 0;
  const width = toNumber(dims[1]?.dimValue);
  if ((elemType !== FLOAT && elemType !== DOUBLE) || dims.length !== 2 || width < 1)
    throw invalidModel(
      `model.input.${input.name}`,
      'expected a float or double tensor [N, F] with a fixed number of features F',
    );
  return { name: input.name ?? '', elemType, width };
}

export function attribute(node: Node, name: string): Attribute | undefined {
  return (node.attribute ?? []).find((a) => a.name === name);
}

export const attrString = (node: Node, name: string, fallback: string): string => {
  const a = attribute(node, name);
  return a?.s && a.s.length > 0 ? new TextDecoder().decode(a.s) : fallback;
};
export const attrInt = (node: Node, name: string, fallback: number): number => {
  const a = attribute(node, name);
  return a ? toNumber(a.i) : fallback;
};
export const attrInts = (node: Node, name: string): number[] =>
  (attribute(node, name)?.ints ?? []).map((v) => toNumber(v));
export const attrStrings = (node: Node, name: string): string[] =>
  (attribute(node, name)?.strings ?? []).map((s) => new TextDecoder().decode(s));
/** A float list, or its `<name>_as_tensor` form (double precision, ai.onnx.ml opset 3). */
export const attrFloats = (node: Node, name: string): number[] => {
  const plain = attribute(node, name)?.floats ?? [];
  if (plain.length > 0) return plain;
  const tensor = attribute(node, `${name}_as_tensor`)?.t;
  return tensor ? tensorValues(tensor) : [];
};

/** The numbers a tensor holds (float, double, integers; inline or raw little-endian). */
export function tensorValues(tensor: Tensor): number[] {
  const type = tensor.dataType ?? 0;
  const raw = tensor.rawData;
  if (raw && raw.length > 0) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const T = onnx.TensorProto.DataType;
    const width = type === T.DOUBLE || type === T.INT64 ? 8 : 4;
    return Array.from({ length: raw.byteLength / width }, (_, i) => {
      if (type === T.FLOAT) return view.getFloat32(i * 4, true);
      if (type === T.DOUBLE) return view.getFloat64(i * 8, true);
      if (type === T.INT64) return Number(view.getBigInt64(i * 8, true));
      return view.getInt32(i * 4, true);
    });
  }
  if ((tensor.floatData ?? []).length > 0) return tensor.floatData!;
  if ((tensor.doubleData ?? []).length > 0) return tensor.doubleData!;
  if ((tensor.int64Data ?? []).length > 0) return tensor.int64Data!.map((v) => toNumber(v));
  return (tensor.int32Data ?? []).slice();
}

/** The one-number value of a Constant node or an initializer, or undefined when it is not a single number. */
export function scalarOf(graph: Graph, name: string): number | undefined {
  const init = (graph.initializer ?? []).find((t) => t.name === name);
  if (init) return single(tensorValues(init));
  const node = (graph.node ?? []).find((n) => n.opType === 'Constant' && (n.output ?? []).includes(name));
  if (!node) return undefined;
  const value = attribute(node, 'value')?.t;
  if (value) return single(tensorValues(value));
  const f = attribute(node, 'value_float');
  if (f) return f.f ?? 0;
  const i = attribute(node, 'value_int');
  return i ? toNumber(i.i) : undefined;
}

const single = (values: number[]) => (values.length === 1 ? values[0] : undefined);
