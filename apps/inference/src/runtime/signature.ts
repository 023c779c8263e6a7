// A model's signature: its input and output tensors (name, element type, shape with dynamic dimensions) as read
// from the loaded ONNX Runtime session, stored with each published version and checked on every request.
import type { InferenceSession } from 'onnxruntime-node';
import { ValidationError } from '@suite/shared/errors';
import { datatypeOf, type Datatype } from './tensor-types.ts';

/** One input or output. `shape` uses -1 for a dynamic dimension, as the Open Inference Protocol does. */
export interface TensorSpec {
  name: string;
  datatype: Datatype;
  shape: number[];
  /** The symbolic names of the dynamic dimensions (`batch`, `N`), null where the model gives none. */
  dimNames: (string | null)[];
}

export interface Signature {
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  /** Every input and output has a dynamic first dimension, so requests can be stacked along it. */
  batchable: boolean;
}

function specOf(meta: InferenceSession.ValueMetadata, role: 'input' | 'output'): TensorSpec {
  if (!meta.isTensor) {
    throw new ValidationError(
      `The model's ${role} "${meta.name}" is not a tensor (a sequence or map, as a ZipMap gives); export it without ` +
        'ZipMap (skl2onnx: options={"zipmap": False}) so probabilities come out as a tensor.',
      [{ path: `model.${role}s.${meta.name}`, message: 'not a tensor' }],
    );
  }
  const datatype = datatypeOf(meta.type);
  if (datatype === undefined) {
    throw new ValidationError(
      `The model's ${role} "${meta.name}" has element type ${meta.type}; this server serves bool, integer and ` +
        'float32/float64 tensors.',
      [{ path: `model.${role}s.${meta.name}`, message: `unsupported element type ${meta.type}` }],
    );
  }
  return {
    name: meta.name,
    datatype,
    shape: meta.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : -1)),
    dimNames: meta.shape.map((d) => (typeof d === 'string' && d !== '' ? d : null)),
  };
}

/** Reads the signature of a loaded session; a non-tensor or unsupported type is a ValidationError (400 on publish). */
export function readSignature(session: InferenceSession): Signature {
  const inputs = session.inputMetadata.map((m) => specOf(m, 'input'));
  const outputs = session.outputMetadata.map((m) => specOf(m, 'output'));
  const batchable = [...inputs, ...outputs].every((t) => t.shape.length > 0 && t.shape[0] === -1);
  return { inputs, outputs, batchable };
}

/** `[-1, 4]` as `[batch, 4]`-style text for messages. */
export const describeShape = (spec: TensorSpec): string =>
  `[${spec.shape.map((d, i) => (d === -1 ? (spec.dimNames[i] ?? '-1') : String(d))).join(', ')}]`;
