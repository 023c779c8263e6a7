// Says what a request's `datatype` should have been when it is not the protocol's name: numpy's `float32`,
// Triton's model-config `TYPE_FP32`, TensorFlow's `DT_FLOAT`, ONNX's `tensor(float)` or a lower-case `fp32`.
import { ORT_TYPE, type Datatype } from '../runtime/tensor-types.ts';

/** Every datatype the Open Inference Protocol names (the server serves those of {@link ORT_TYPE}). */
const PROTOCOL_DATATYPES = [...Object.keys(ORT_TYPE), 'FP16', 'BF16', 'BYTES'];

// Names other tools give the protocol's datatypes (lower case); numpy's and ONNX Runtime's come from ORT_TYPE.
const ALIASES = new Map<string, string>([
  ...Object.entries(ORT_TYPE).map(([datatype, ort]) => [ort, datatype] as [string, string]),
  ['float', 'FP32'],
  ['double', 'FP64'],
  ['float16', 'FP16'],
  ['half', 'FP16'],
  ['bfloat16', 'BF16'],
  ['boolean', 'BOOL'],
  ['int', 'INT32'],
  ['long', 'INT64'],
  ['string', 'BYTES'],
  ['str', 'BYTES'],
  ['dt_float', 'FP32'],
  ['dt_double', 'FP64'],
  ['dt_half', 'FP16'],
  ['dt_bool', 'BOOL'],
  ['dt_string', 'BYTES'],
  ...['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64'].map(
    (t) => [`dt_${t}`, t.toUpperCase()] as [string, string],
  ),
]);

/**
 * What follows "expected datatype X, got Y" when Y is not one of the protocol's datatype names: the name it goes
 * by in the protocol, or the list of them; '' when Y is a protocol datatype (merely the wrong one).
 *
 * @example
 * datatypeHint('float32', 'FP32'); // ', which the protocol calls FP32'
 */
export function datatypeHint(given: string, expected: Datatype): string {
  if (PROTOCOL_DATATYPES.includes(given)) return '';
  const key = given
    .trim()
    .toLowerCase()
    .replace(/^(np\.|numpy\.|torch\.|type_)/, '')
    .replace(/^tensor\((\w+)\)$/, '$1');
  const name = PROTOCOL_DATATYPES.includes(key.toUpperCase())
    ? key.toUpperCase()
    : (ALIASES.get(key) ?? ALIASES.get(`dt_${key}`));
  if (name === undefined) return `, which is not a protocol datatype (${PROTOCOL_DATATYPES.join(', ')})`;
  return `, which the protocol calls ${name}${name === expected ? '' : `; this input takes ${expected}`}`;
}
