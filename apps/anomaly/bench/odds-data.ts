// Loads an ODDS outlier set (`label,v1..vN`, label `anomaly` or `nominal`) into a row-major matrix.
import { readFileSync } from 'node:fs';
import type { Matrix } from '../src/forest/types.ts';

export interface LabelledSet extends Matrix {
  /** 1 for anomaly, 0 for nominal. */
  readonly labels: Uint8Array;
}

/** Reads the file; throws naming the line when a row is malformed, since a benchmark must not skip data silently. */
export function loadOddsSet(path: string): LabelledSet {
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const header = lines[0]?.split(',') ?? [];
  if (header[0] !== 'label') throw new Error(`${path}: first column must be 'label'`);
  const cols = header.length - 1;
  const rows = lines.length - 1;
  const data = new Float64Array(rows * cols);
  const labels = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    const parts = lines[r + 1]!.split(',');
    if (parts.length !== cols + 1) throw new Error(`${path}:${r + 2}: expected ${cols + 1} fields`);
    const label = parts[0];
    if (label !== 'anomaly' && label !== 'nominal') throw new Error(`${path}:${r + 2}: bad label ${label}`);
    labels[r] = label === 'anomaly' ? 1 : 0;
    for (let c = 0; c < cols; c++) {
      const v = Number(parts[c + 1]);
      if (!Number.isFinite(v)) throw new Error(`${path}:${r + 2}: column ${c + 1} is not a number`);
      data[r * cols + c] = v;
    }
  }
  return { data, rows, cols, labels };
}
