// One output value as the prediction table shows it: numbers to six significant digits, and a class value with its
// name when the version's metadata has `labels`: a list indexed by class (["setosa", ...]) or an object keyed by
// the class value (scikit-learn's IsolationForest: {"1": "inlier", "-1": "outlier"}).

/** Six significant digits: enough to compare with the framework's own output, short enough to read. */
const numberText = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(6)) : v)).replace(
    /,/g,
    ', ',
  );

function labelOf(value: unknown, labels: unknown): string | undefined {
  if (!Number.isInteger(value) && typeof value !== 'string') return undefined;
  const name = Array.isArray(labels)
    ? Number.isInteger(value)
      ? (labels as unknown[])[value as number]
      : undefined
    : typeof labels === 'object' && labels !== null && Object.hasOwn(labels, String(value))
      ? (labels as Record<string, unknown>)[String(value)]
      : undefined;
  return typeof name === 'string' ? name : undefined;
}

/**
 * @example cellText(-1, { '1': 'inlier', '-1': 'outlier' }) // '-1 (outlier)'
 * @example cellText([0.5, 0.25], undefined) // '[0.5, 0.25]'
 */
export function cellText(value: unknown, labels: unknown): string {
  const text = numberText(value);
  const name = labelOf(value, labels);
  return name === undefined ? text : `${text} (${name})`;
}
