// Reads the NAB corpus: every data/<category>/<name>.csv and the anomaly windows from labels/combined_windows.json.
// Takes NAB's own checkout as it is: files beside the categories (data/README.md) and non-CSV files are skipped.
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
  const entries = (dir: string) =>
    readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
  for (const category of entries(join(nabDir, 'data'))) {
    if (!category.isDirectory()) continue;
    for (const entry of entries(join(nabDir, 'data', category.name))) {
      const name = entry.name;
      if (!entry.isFile() || !name.endsWith('.csv')) continue;
      const relativePath = `${category.name}/${name}`;
      const limits = labels[relativePath];
      if (!limits) continue;
      windowCount += limits.length;
      const lines = readFileSync(join(nabDir, 'data', category.name, name), 'utf8')
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

/** NAB v1.1 as published: the corpus the published detector scores were measured on. */
const NAB_V11 = { files: 58, windows: 116, points: 365_558 };

/**
 * 'NAB v1.1' when the loaded corpus is the full published one, else undefined: published scores are printed
 * only beside the data they were measured on, never beside a subset or another corpus.
 */
export function nabCorpusName(corpus: {
  files: readonly NabFile[];
  windowCount: number;
}): string | undefined {
  const points = corpus.files.reduce((n, f) => n + f.values.length, 0);
  const full =
    corpus.files.length === NAB_V11.files &&
    corpus.windowCount === NAB_V11.windows &&
    points === NAB_V11.points;
  return full ? 'NAB v1.1' : undefined;
}
