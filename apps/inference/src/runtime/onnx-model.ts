// One loaded ONNX model: its ONNX Runtime session and the signature read from it. Loading is where a broken or
// unsupported model is caught, so publish can refuse it before it is ever served.
import * as ort from 'onnxruntime-node';
import { ValidationError } from '@suite/shared/errors';
import { readSignature, type Signature } from './signature.ts';
import { ORT_TYPE, datatypeOf, type Datatype, type TensorData } from './tensor-types.ts';

/** A tensor as this app passes it around: flat row-major data and its dimensions. */
export interface HostTensor {
  datatype: Datatype;
  dims: number[];
  data: TensorData;
}

export type TensorMap = Record<string, HostTensor>;

export interface OnnxModel {
  readonly signature: Signature;
  /** Runs the model on validated inputs (every input of the signature, checked). */
  run(inputs: TensorMap): Promise<TensorMap>;
  release(): Promise<void>;
}

export interface LoadOptions {
  /** Intra-op threads of the session. */
  threads: number;
}

/** Creates the session; bytes ONNX Runtime cannot load answer a ValidationError carrying its message. */
export async function loadOnnxModel(bytes: Uint8Array, options: LoadOptions): Promise<OnnxModel> {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, {
      intraOpNumThreads: options.threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ValidationError(
      `ONNX Runtime cannot load this model: ${reason}`,
      [{ path: 'body', message: 'not a loadable ONNX model' }],
      cause,
    );
  }
  let signature: Signature;
  try {
    signature = readSignature(session);
  } catch (error) {
    await session.release();
    throw error;
  }
  return {
    signature,
    async run(inputs) {
      const feeds: Record<string, ort.Tensor> = {};
      for (const [name, t] of Object.entries(inputs))
        feeds[name] = new ort.Tensor(ORT_TYPE[t.datatype], t.data, t.dims);
      const results = await session.run(feeds);
      const out: TensorMap = {};
      for (const spec of signature.outputs) {
        const value = results[spec.name];
        if (value === undefined) continue;
        out[spec.name] = {
          datatype: datatypeOf(value.type) ?? spec.datatype,
          dims: [...value.dims],
          data: value.data as TensorData,
        };
      }
      return out;
    },
    release: () => session.release(),
  };
}
