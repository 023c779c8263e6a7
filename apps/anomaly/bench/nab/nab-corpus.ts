// Reads the NAB corpus: every data/<category>/<name>.csv and the anomaly windows from labels/combined_windows.json.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface NabFile {
  /** `category/name.csv`, the key NAB's label files use. */
  relativePath: string;
  timestamps: Float64Array;
  /** The timestamps as written in the file, echoed into the results files. */
  rawTimestamps: string[];
  values: Float64Array;
  windows: Array<[number, number]>;
}

/** "2014-04-10 07:15:00" or "2014-04-10 07:15:00.000000" as UTC epoch ms. */
export function parseNabTimestamp(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new Error(`not a NAB timestamp: ${text}`);
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, ms);
}

/** Loads every file listed in the window labels, sorted by path so runs are repeatable. */
export function loadNabCorpus(nabDir: string): { files: NabFile[]; windowCount: number } {
  const labels = JSON.parse(readFileSync(join(nabDir, 'labels', 'combined_windows.json'), 'utf8')) as Record<
    string,
    Array<[string, string]>
  >;
  const files: NabFile[] = [];
  let windowCount = 0;
  for (const category of readdirSync(join(nabDir, 'data')).sort()) {
    for (const name of readdirSync(join(nabDir, 'data', category)).sort()) {
      if (!name.endsWith('.csv')) continue;
      const relativePath = `${category}/${name}`;
      const limits = labels[relativePath];
      if (!limits) continue;
      windowCount += limits.length;
      const lines = readFileSync(join(nabDir, 'data', category, name), 'utf8')
        .split(/\r?\n/)
        .filter(Boolean);
      const rows = lines.length - 1;
      const timestamps = new Float64Array(rows);
      const values = new Float64Array(rows);
      const rawTimestamps: string[] = [];
      for (let i = 0; i < rows; i++) {
        const [ts, v] = lines[i + 1]!.split(',');
        rawTimestamps.push(ts!);
        timestamps[i] = parseNabTimestamp(ts!);
        values[i] = Number(v);
      }
      const windows = limits.map(
        ([a, b]) => [parseNabTimestamp(a), parseNabTimestamp(b)] as [number, number],
      );
      files.push({ relativePath, timestamps, rawTimestamps, values, windows });
    }
  }
  return { files, windowCount };
}
