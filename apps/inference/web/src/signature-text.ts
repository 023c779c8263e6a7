// A model's signature in words for the page: `features FP32 [N, 4]`, and an example request that fits it.
import type { Signature, TensorSpec } from './types.ts';

/** `[N, 4]`: dynamic dimensions by their name in the model, else `?`. */
export const shapeText = (spec: TensorSpec): string =>
  `[${spec.shape.map((d, i) => (d === -1 ? (spec.dimNames[i] ?? '?') : String(d))).join(', ')}]`;

export const tensorText = (spec: TensorSpec): string => `${spec.name} ${spec.datatype} ${shapeText(spec)}`;

/** `a FP32 [N, 2], b FP32 [N, 2] → sum FP32 [N, 2]`. */
export const signatureText = (signature: Signature): string =>
  `${signature.inputs.map(tensorText).join(', ')} → ${signature.outputs.map(tensorText).join(', ')}`;

/** Beyond this many numbers in one instance the example is left empty rather than filling the page. */
const MAX_EXAMPLE_VALUES = 256;

/** One instance of `spec` (its shape without the first, row dimension) filled with zeros (false for BOOL). */
function zeros(spec: TensorSpec): unknown {
  const zero = spec.datatype === 'BOOL' ? false : 0;
  const build = (dims: number[]): unknown =>
    dims.length === 0 ? zero : Array.from({ length: dims[0]! }, () => build(dims.slice(1)));
  // A dynamic inner dimension gets one element: the user sees where the values go and types the real count.
  return build(spec.shape.slice(1).map((d) => (d === -1 ? 1 : d)));
}

/**
 * The `instances` of a :predict request with one row of zeros that fits the signature: a plain row for a one-input
 * model, an object naming each input otherwise (the API's two forms). `[]` when one row would be too long to read.
 */
export function exampleInstances(signature: Signature): string {
  const perRow = signature.inputs.reduce(
    (n, spec) => n + spec.shape.slice(1).reduce((m, d) => m * (d === -1 ? 1 : d), 1),
    0,
  );
  if (perRow > MAX_EXAMPLE_VALUES) return '[]';
  const [only, ...others] = signature.inputs;
  const row =
    only && others.length === 0
      ? zeros(only)
      : Object.fromEntries(signature.inputs.map((spec) => [spec.name, zeros(spec)]));
  return JSON.stringify([row]);
}
