// The TensorFlow Serving / Vertex AI row format: {"instances": [...]} in, {"predictions": [...]} out.
// One row per instance along the first (batch) dimension; rows are plain values for a one-input model, or objects
// naming every input.
import { ValidationError, type FieldIssue } from '@suite/shared/errors';
import type { HostTensor, TensorMap } from '../runtime/onnx-model.ts';
import type { Signature } from '../runtime/signature.ts';
import { toJsonValues } from '../runtime/tensor-types.ts';
import { buildTensor, checkShape, nestedDims } from './nested-tensor.ts';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks `instances` against the signature and stacks them into one tensor per input. */
export function tensorsFromInstances(signature: Signature, instances: readonly unknown[]): TensorMap {
  const issues: FieldIssue[] = [];
  const named = instances.some(isRecord);
  if (!named && signature.inputs.length !== 1) {
    const names = signature.inputs.map((s) => `"${s.name}"`).join(', ');
    throw new ValidationError(
      `This model has ${signature.inputs.length} inputs (${names}): each instance must be an object naming them.`,
      [{ path: 'instances', message: `expected objects with keys ${names}` }],
    );
  }
  const out: TensorMap = {};
  if (named) {
    const known = new Set(signature.inputs.map((s) => s.name));
    instances.forEach((row, i) => {
      if (!isRecord(row))
        issues.push({
          path: `instances[${i}]`,
          message: 'expected an object naming the inputs, like the other instances',
        });
      else
        for (const key of Object.keys(row))
          if (!known.has(key))
            issues.push({ path: `instances[${i}].${key}`, message: `the model has no input "${key}"` });
    });
    if (issues.length > 0) throw new ValidationError(`Invalid instances: ${issues[0]!.message}`, issues);
  }
  for (const spec of signature.inputs) {
    const column = named ? instances.map((row) => (row as Record<string, unknown>)[spec.name]) : instances;
    if (named) {
      const missing = column.findIndex((v) => v === undefined);
      if (missing >= 0) {
        issues.push({
          path: `instances[${missing}].${spec.name}`,
          message: `input "${spec.name}" is missing`,
        });
        continue;
      }
    }
    const dims = nestedDims(column);
    const shapeIssue = checkShape(spec, dims, 'instances');
    if (shapeIssue) {
      issues.push({
        ...shapeIssue,
        message: `${shapeIssue.message} (one instance per row of the first dimension)`,
      });
      continue;
    }
    const before = issues.length;
    const tensor = buildTensor(spec, dims, column, 'instances', issues);
    // Named rows: `instances[3][1]` of the stacked column is `instances[3].<input>[1]` of what the caller sent.
    if (named) {
      for (const issue of issues.slice(before)) {
        issue.path = issue.path.replace(/^instances\[(\d+)\]/, `instances[$1].${spec.name}`);
      }
    }
    if (tensor) out[spec.name] = tensor;
  }
  if (issues.length > 0) throw new ValidationError(`Invalid instances: ${issues[0]!.message}`, issues);
  return out;
}

/**
 * Nested JSON rows of one output: row i is the i-th slice along the first dimension. Flat loops over precomputed
 * strides: building 100,000 rows through Array.from callbacks and a stride recomputed per element was most of a
 * large :predict's CPU (bench/large-batch.ts).
 */
function rowsOf(tensor: HostTensor): unknown[] {
  const { data, datatype } = tensor;
  const direct = !(data instanceof BigInt64Array || data instanceof BigUint64Array || datatype === 'BOOL');
  if (tensor.dims.length === 0) return toJsonValues(data.subarray(0, 1), datatype);
  const [rows = 0, ...inner] = tensor.dims;
  if (inner.length === 0) return toJsonValues(data.length === rows ? data : data.subarray(0, rows), datatype);
  // Floats and 32-bit integers are JSON numbers as they are: read from the typed array, not a converted copy.
  const values: ArrayLike<unknown> = direct ? data : toJsonValues(data, datatype);
  const strides = inner.map((_, level) => inner.slice(level + 1).reduce((a, b) => a * b, 1));
  const last = inner.length - 1;
  const build = (offset: number, level: number): unknown[] => {
    const n = inner[level]!;
    const out: unknown[] = [];
    if (level === last) for (let i = 0; i < n; i += 1) out.push(values[offset + i]);
    else for (let i = 0; i < n; i += 1) out.push(build(offset + i * strides[level]!, level + 1));
    return out;
  };
  const rowSize = strides[0]! * inner[0]!;
  const out: unknown[] = [];
  for (let r = 0; r < rows; r += 1) out.push(build(r * rowSize, 0));
  return out;
}

/** One prediction per instance: the output's row for a one-output model, else an object of every output's row. */
export function predictionsFrom(signature: Signature, outputs: TensorMap): unknown[] {
  const names = signature.outputs.map((s) => s.name).filter((n) => outputs[n] !== undefined);
  if (names.length === 1) return rowsOf(outputs[names[0]!]!);
  const columns = names.map((n) => rowsOf(outputs[n]!));
  const count = Math.max(0, ...columns.map((c) => c.length));
  // An output named __proto__ would set the prototype of a row filled by assignment: those go through fromEntries.
  if (names.includes('__proto__')) {
    return Array.from({ length: count }, (_, r) =>
      Object.fromEntries(names.map((n, j) => [n, columns[j]![r]])),
    );
  }
  const rows: Record<string, unknown>[] = [];
  for (let r = 0; r < count; r += 1) {
    const row: Record<string, unknown> = {};
    for (let j = 0; j < names.length; j += 1) row[names[j]!] = columns[j]![r];
    rows.push(row);
  }
  return rows;
}
