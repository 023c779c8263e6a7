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

/** Nested JSON rows of one output: row i is the i-th slice along the first dimension. */
function rowsOf(tensor: HostTensor): unknown[] {
  const values = toJsonValues(tensor.data, tensor.datatype);
  const [rows = 1, ...inner] = tensor.dims;
  const nest = (offset: number, level: number): unknown => {
    if (level === inner.length) return values[offset];
    const stride = inner.slice(level + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: inner[level]! }, (_, i) => nest(offset + i * stride, level + 1));
  };
  const rowSize = inner.reduce((a, b) => a * b, 1);
  return Array.from({ length: tensor.dims.length === 0 ? 1 : rows }, (_, r) => nest(r * rowSize, 0));
}

/** One prediction per instance: the output's row for a one-output model, else an object of every output's row. */
export function predictionsFrom(signature: Signature, outputs: TensorMap): unknown[] {
  const names = signature.outputs.map((s) => s.name).filter((n) => outputs[n] !== undefined);
  if (names.length === 1) return rowsOf(outputs[names[0]!]!);
  const columns = names.map((n) => rowsOf(outputs[n]!));
  const count = Math.max(0, ...columns.map((c) => c.length));
  return Array.from({ length: count }, (_, r) =>
    Object.fromEntries(names.map((n, j) => [n, columns[j]![r]])),
  );
}
