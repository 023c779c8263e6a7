// Element types: the Open Inference Protocol's names (FP32, INT64...), ONNX Runtime's, and how JSON values map in.

/** The datatypes this server takes and returns, as the Open Inference Protocol (KServe v2) names them. */
export type Datatype =
  'BOOL' | 'UINT8' | 'UINT16' | 'UINT32' | 'UINT64' | 'INT8' | 'INT16' | 'INT32' | 'INT64' | 'FP32' | 'FP64';

export type OrtNumericType =
  | 'bool'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'float32'
  | 'float64';

export const ORT_TYPE: Readonly<Record<Datatype, OrtNumericType>> = {
  BOOL: 'bool',
  UINT8: 'uint8',
  UINT16: 'uint16',
  UINT32: 'uint32',
  UINT64: 'uint64',
  INT8: 'int8',
  INT16: 'int16',
  INT32: 'int32',
  INT64: 'int64',
  FP32: 'float32',
  FP64: 'float64',
};

const DATATYPE_OF = new Map<string, Datatype>(
  Object.entries(ORT_TYPE).map(([datatype, ort]) => [ort, datatype as Datatype]),
);

/** The datatype of an ONNX Runtime element type, or undefined for one this server does not serve (string, fp16). */
export const datatypeOf = (ortType: string): Datatype | undefined => DATATYPE_OF.get(ortType);

/** Inclusive bounds of the integer types that JSON numbers can carry exactly. */
const INT_RANGE: Partial<Record<Datatype, readonly [number, number]>> = {
  UINT8: [0, 255],
  UINT16: [0, 65_535],
  UINT32: [0, 4_294_967_295],
  UINT64: [0, Number.MAX_SAFE_INTEGER],
  INT8: [-128, 127],
  INT16: [-32_768, 32_767],
  INT32: [-2_147_483_648, 2_147_483_647],
  INT64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** What one element of `datatype` must be, for error messages. */
export function describeElement(datatype: Datatype): string {
  if (datatype === 'BOOL') return 'true or false';
  if (datatype === 'FP32' || datatype === 'FP64') return 'a finite number';
  const [min, max] = INT_RANGE[datatype]!;
  return `an integer from ${min} to ${max}`;
}

/** Whether a JSON value is a valid element of `datatype` (FP32 also refuses values that overflow to Infinity). */
export function isElement(value: unknown, datatype: Datatype): boolean {
  if (datatype === 'BOOL') return typeof value === 'boolean';
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (datatype === 'FP64') return true;
  if (datatype === 'FP32') return Number.isFinite(Math.fround(value));
  const [min, max] = INT_RANGE[datatype]!;
  return Number.isInteger(value) && value >= min && value <= max;
}

export type TensorData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array;

/** A typed array of `length` elements of `datatype` (bool is stored as 0/1 bytes, as ONNX Runtime takes it). */
export function allocate(datatype: Datatype, length: number): TensorData {
  switch (datatype) {
    case 'FP32':
      return new Float32Array(length);
    case 'FP64':
      return new Float64Array(length);
    case 'INT8':
      return new Int8Array(length);
    case 'INT16':
      return new Int16Array(length);
    case 'INT32':
      return new Int32Array(length);
    case 'INT64':
      return new BigInt64Array(length);
    case 'UINT16':
      return new Uint16Array(length);
    case 'UINT32':
      return new Uint32Array(length);
    case 'UINT64':
      return new BigUint64Array(length);
    default:
      return new Uint8Array(length);
  }
}

/** Writes a validated JSON element at `index`. */
export function put(target: TensorData, index: number, value: number | boolean): void {
  if (target instanceof BigInt64Array || target instanceof BigUint64Array) target[index] = BigInt(value);
  else target[index] = Number(value);
}

/** Tensor elements as JSON values: 64-bit integers as numbers when exact, else strings; bool as true/false. */
export function toJsonValues(data: ArrayLike<unknown>, datatype: Datatype): (number | boolean | string)[] {
  const out = new Array<number | boolean | string>(data.length);
  for (let i = 0; i < data.length; i += 1) {
    const v = data[i];
    if (typeof v === 'bigint') out[i] = Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
    else if (datatype === 'BOOL') out[i] = Boolean(v);
    else out[i] = v as number;
  }
  return out;
}
