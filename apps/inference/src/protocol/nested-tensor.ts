// Turns JSON (nested arrays, or flat data with a declared shape) into a checked typed tensor, collecting issues
// that name the input, the position and what was expected.
import type { FieldIssue } from '@suite/shared/errors';
import type { HostTensor } from '../runtime/onnx-model.ts';
import { describeShape, type TensorSpec } from '../runtime/signature.ts';
import { allocate, describeElement, isElement, put } from '../runtime/tensor-types.ts';

/** Issues past this many are dropped: one bad column in 10 000 rows should not answer 10 000 lines. */
const MAX_ISSUES = 10;

/** Longest quote of a wrong value in an issue: the body may hold a 3 000-element row where a number belongs. */
const MAX_QUOTE_CHARS = 40;

/**
 * A wrong value as the caller wrote it, briefly: numbers through String (JSON.stringify writes the Infinity that
 * `1e999` parses to as "null"), anything else as JSON, cut at {@link MAX_QUOTE_CHARS}.
 */
function quote(v: unknown): string {
  const text = typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? 'nothing');
  return text.length > MAX_QUOTE_CHARS ? `${text.slice(0, MAX_QUOTE_CHARS)}…` : text;
}

const count = (n: number): string => `${n} element${n === 1 ? '' : 's'}`;

/** The largest JSON body :predict and v2 infer take. */
export const MAX_REQUEST_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Most elements one request can carry: each is at least a digit and a comma. A shape holding more cannot be met by
 * the data sent, so it is refused before memory is set aside for it (a declared [10^6, 10^6] was 4 TB to allocate).
 */
const MAX_REQUEST_ELEMENTS = MAX_REQUEST_BODY_BYTES / 2;

/** The dimensions of a nested array, read along its first elements. */
export function nestedDims(value: unknown): number[] {
  const dims: number[] = [];
  let v = value;
  while (Array.isArray(v)) {
    dims.push(v.length);
    v = v[0];
  }
  return dims;
}

/** An issue when `dims` does not fit the spec's shape (rank, then each fixed dimension). */
export function checkShape(spec: TensorSpec, dims: readonly number[], path: string): FieldIssue | undefined {
  const fits = dims.length === spec.shape.length && spec.shape.every((d, i) => d === -1 || d === dims[i]);
  if (fits && dims.every((d) => Number.isInteger(d) && d >= 0)) return undefined;
  return {
    path,
    message: `input "${spec.name}": expected shape ${describeShape(spec)}, got [${dims.join(', ')}]`,
  };
}

/**
 * Fills a tensor of `dims` from `value`: nested arrays of exactly those dimensions, or (when `flatOk`) one flat
 * array of their product. Elements must be valid for the spec's datatype (finite numbers, integers in range...).
 */
export function buildTensor(
  spec: TensorSpec,
  dims: number[],
  value: unknown,
  path: string,
  issues: FieldIssue[],
  flatOk = false,
): HostTensor | undefined {
  const size = dims.reduce((a, b) => a * b, 1);
  const flat = flatOk && Array.isArray(value) && !Array.isArray(value[0]) && dims.length !== 1;
  // A v2 request declares its shape (flatOk): a count that misses names that shape, the model's would mislead.
  const shape = flatOk ? `the request's shape [${dims.join(', ')}]` : `shape ${describeShape(spec)}`;
  if (size > MAX_REQUEST_ELEMENTS || (flat && (value as unknown[]).length !== size)) {
    const message =
      size > MAX_REQUEST_ELEMENTS
        ? `shape [${dims.join(', ')}] holds ${size} elements, more than a request carries (${MAX_REQUEST_ELEMENTS} in ${MAX_REQUEST_BODY_BYTES / 1024 / 1024} MiB of JSON)`
        : `${shape} holds ${size} elements, but the flat data has ${count((value as unknown[]).length)}`;
    issues.push({ path, message: `input "${spec.name}": ${message}` });
    return undefined;
  }
  const data = allocate(spec.datatype, size);
  const start = issues.length;
  const levels = flat ? [size] : dims;
  let index = 0;
  // The position being filled, one index per level: a path string is only built for an issue, never per element.
  const at: number[] = [];
  const where = (level: number): string =>
    path +
    at
      .slice(0, level)
      .map((i) => `[${i}]`)
      .join('');
  const bad = (level: number, message: string): void => {
    if (issues.length - start < MAX_ISSUES)
      issues.push({ path: where(level), message: `input "${spec.name}": ${message}` });
  };
  const badElement = (v: unknown, level: number): void =>
    bad(level, `expected ${describeElement(spec.datatype)} (${spec.datatype}), got ${quote(v)}`);
  const walk = (v: unknown, level: number): void => {
    if (issues.length - start >= MAX_ISSUES) return;
    if (level === levels.length) {
      if (isElement(v, spec.datatype)) put(data, index, v as number | boolean);
      else badElement(v, level);
      index += 1;
      return;
    }
    const want = levels[level]!;
    if (!Array.isArray(v) || v.length !== want) {
      const got = Array.isArray(v) ? count(v.length) : quote(v);
      bad(level, `expected an array of ${count(want)} (${shape}), got ${got}`);
      index += levels.slice(level).reduce((a, b) => a * b, 1);
      return;
    }
    if (level === levels.length - 1) {
      // The innermost row, the hot loop: elements straight into the typed array.
      for (let i = 0; i < want; i += 1) {
        const element: unknown = v[i];
        if (isElement(element, spec.datatype)) put(data, index, element as number | boolean);
        else {
          at[level] = i;
          badElement(element, level + 1);
          if (issues.length - start >= MAX_ISSUES) return;
        }
        index += 1;
      }
      return;
    }
    for (let i = 0; i < want; i += 1) {
      at[level] = i;
      walk(v[i], level + 1);
    }
  };
  walk(value, 0);
  return issues.length === start ? { datatype: spec.datatype, dims, data } : undefined;
}
