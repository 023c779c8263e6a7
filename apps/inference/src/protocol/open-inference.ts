// The Open Inference Protocol (KServe v2; Triton's and Seldon's REST): typed tensors in and out, model metadata.
import { ValidationError, type FieldIssue } from '@suite/shared/errors';
import type { TensorMap } from '../runtime/onnx-model.ts';
import type { Signature, TensorSpec } from '../runtime/signature.ts';
import { toJsonValues } from '../runtime/tensor-types.ts';
import { datatypeHint } from './datatype-names.ts';
import { buildTensor, checkShape } from './nested-tensor.ts';

/** One request tensor, as the handler's schema has already checked its members' JSON types. */
export interface V2InputTensor {
  name: string;
  shape: number[];
  datatype: string;
  data: unknown[];
}

export interface V2OutputTensor {
  name: string;
  shape: number[];
  datatype: string;
  data: (number | boolean | string)[];
}

/** Checks each request tensor against the signature (name, datatype, shape, every element) and builds it. */
export function tensorsFromV2(signature: Signature, inputs: readonly V2InputTensor[]): TensorMap {
  const issues: FieldIssue[] = [];
  const byName = new Map<string, TensorSpec>(signature.inputs.map((s) => [s.name, s]));
  const out: TensorMap = {};
  inputs.forEach((input, i) => {
    const path = `inputs[${i}]`;
    const spec = byName.get(input.name);
    if (spec === undefined) {
      const names = [...byName.keys()].map((n) => `"${n}"`).join(', ');
      issues.push({
        path: `${path}.name`,
        message: `the model has no input "${input.name}" (its inputs: ${names})`,
      });
      return;
    }
    if (out[input.name] !== undefined || inputs.findIndex((x) => x.name === input.name) !== i) {
      issues.push({ path: `${path}.name`, message: `input "${input.name}" is given more than once` });
      return;
    }
    if (input.datatype !== spec.datatype) {
      issues.push({
        path: `${path}.datatype`,
        message: `input "${spec.name}": expected datatype ${spec.datatype}, got ${input.datatype}${datatypeHint(input.datatype, spec.datatype)}`,
      });
      return;
    }
    const shapeIssue = checkShape(spec, input.shape, `${path}.shape`);
    if (shapeIssue) {
      issues.push(shapeIssue);
      return;
    }
    const tensor = buildTensor(spec, input.shape, input.data, `${path}.data`, issues, true);
    if (tensor) out[spec.name] = tensor;
  });
  for (const spec of signature.inputs) {
    if (!inputs.some((x) => x.name === spec.name))
      issues.push({ path: 'inputs', message: `input "${spec.name}" is missing` });
  }
  if (issues.length > 0)
    throw new ValidationError(`Invalid inference request: ${issues[0]!.message}`, issues);
  return out;
}

/**
 * The requested outputs (all when `names` is omitted) as flat typed tensors. An unknown name is a 400, and so is a
 * name requested twice, as Triton refuses it ("output '<name>' already requested"): the protocol's response holds
 * one tensor per output, so a second copy is never what a client can use.
 */
export function v2Outputs(
  signature: Signature,
  outputs: TensorMap,
  names?: readonly string[],
): V2OutputTensor[] {
  const known = signature.outputs.map((s) => s.name);
  const wanted = names ?? known;
  const twice = wanted.findIndex((n, i) => wanted.indexOf(n) !== i);
  if (twice >= 0) {
    const message = `output "${wanted[twice]}" is requested more than once (outputs[${wanted.indexOf(wanted[twice]!)}] and outputs[${twice}])`;
    throw new ValidationError(`Invalid inference request: ${message}`, [
      { path: `outputs[${twice}].name`, message },
    ]);
  }
  const unknown = wanted.findIndex((n) => !known.includes(n));
  if (unknown >= 0) {
    throw new ValidationError(`The model has no output "${wanted[unknown]}"`, [
      {
        path: `outputs[${unknown}].name`,
        message: `the model has no output "${wanted[unknown]}" (its outputs: ${known.join(', ')})`,
      },
    ]);
  }
  return wanted.flatMap((name) => {
    const t = outputs[name];
    return t ? [{ name, shape: t.dims, datatype: t.datatype, data: toJsonValues(t.data, t.datatype) }] : [];
  });
}

/** The model metadata response of GET /api/v2/models/{name}. */
export function v2Metadata(name: string, versions: string[], signature: Signature) {
  const tensor = (s: TensorSpec) => ({ name: s.name, datatype: s.datatype, shape: s.shape });
  return {
    name,
    versions,
    platform: 'onnxruntime_onnx',
    inputs: signature.inputs.map(tensor),
    outputs: signature.outputs.map(tensor),
  };
}
