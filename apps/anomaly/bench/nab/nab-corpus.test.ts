import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadNabCorpus, nabCorpusName } from './nab-corpus.ts';

describe('loadNabCorpus', () => {
  // The layout of a NAB checkout: data/README.md beside the category folders, labels/ beside data/.
  const dir = mkdtempSync(join(tmpdir(), 'nab-checkout-'));
  mkdirSync(join(dir, 'data', 'realTraffic'), { recursive: true });
  mkdirSync(join(dir, 'labels'));
  writeFileSync(join(dir, 'data', 'README.md'), '# NAB data\n');
  writeFileSync(join(dir, 'data', 'realTraffic', 'notes.txt'), 'not a series\n');
  writeFileSync(
    join(dir, 'data', 'realTraffic', 'speed.csv'),
    'timestamp,value\n2015-09-01 11:25:00,58\n2015-09-01 11:30:00,63\n',
  );
  writeFileSync(
    join(dir, 'labels', 'combined_windows.json'),
    JSON.stringify({
      'realTraffic/speed.csv': [['2015-09-01 11:20:00.000000', '2015-09-01 11:35:00.000000']],
    }),
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads NAB's own checkout, skipping data/README.md and files that are not CSV", () => {
    const corpus = loadNabCorpus(dir);
    expect(corpus.files.map((f) => f.relativePath)).toEqual(['realTraffic/speed.csv']);
    expect(Array.from(corpus.files[0]!.values)).toEqual([58, 63]);
    expect(corpus.windowCount).toBe(1);
  });

  it('names only the full published corpus, so published scores are not printed beside a subset', () => {
    expect(nabCorpusName(loadNabCorpus(dir))).toBeUndefined();
  });
});
