// What the tiny encoder folder builders share beside tokenizer.json: ONNX graph pieces and the folder's files.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import onnxProto, { type onnx as OnnxTypes } from 'onnx-proto';

const { onnx } = onnxProto;

/** An ONNX initializer holding `data`. */
export function tensor(name: string, dims: number[], data: Float32Array | BigInt64Array, dataType: number) {
  return onnx.TensorProto.create({
    name,
    dims,
    dataType,
    rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  });
}

/** An ONNX graph input or output of `elemType` with `shape` (a string is a symbolic dimension). */
export function valueInfo(name: string, elemType: number, shape: (string | number)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType,
        shape: onnx.TensorShapeProto.create({
          dim: shape.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })),
        }),
      }),
    }),
  });
}

/** `graph` as an ONNX model file (IR 7, opset 13), as onnxruntime loads it. */
export function encodeTinyModel(graph: OnnxTypes.IGraphProto): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'chatbot-tests',
    opsetImport: [{ domain: '', version: 13 }],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

/** The files of a model folder as transformers.js loads it; `vocabTxt` only for tokenizers that ship one. */
export interface TinyModelFiles {
  config: object;
  tokenizer: object;
  tokenizerConfig: object;
  vocabTxt?: string;
  model: Uint8Array;
}

/** Writes config.json, tokenizer.json, tokenizer_config.json, vocab.txt (when given) and onnx/model.onnx in `dir`. */
export async function writeTinyModelFolder(dir: string, files: TinyModelFiles): Promise<string> {
  await mkdir(join(dir, 'onnx'), { recursive: true });
  await writeFile(join(dir, 'config.json'), JSON.stringify(files.config, null, 2));
  await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(files.tokenizer));
  await writeFile(join(dir, 'tokenizer_config.json'), JSON.stringify(files.tokenizerConfig, null, 2));
  if (files.vocabTxt !== undefined) await writeFile(join(dir, 'vocab.txt'), files.vocabTxt);
  await writeFile(join(dir, 'onnx', 'model.onnx'), files.model);
  return dir;
}
