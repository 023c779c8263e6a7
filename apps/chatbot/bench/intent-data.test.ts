import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intentFilesFromArgs, readIntentCsv } from './intent-data.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'intent-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readIntentCsv', () => {
  it('keeps quoted line breaks and commas inside one text, and skips empty rows', async () => {
    const file = join(dir, 'a.csv');
    await writeFile(file, 'text,category\n"my card,\nit is late",card_arrival\n,oos\nhello,greeting\n');
    expect(readIntentCsv(file)).toEqual([
      { text: 'my card,\nit is late', intent: 'card_arrival' },
      { text: 'hello', intent: 'greeting' },
    ]);
  });

  it('finds the columns by name in any order and refuses a file without them', async () => {
    const swapped = join(dir, 'b.csv');
    await writeFile(swapped, 'category,text\noos,what is the weather\n');
    expect(readIntentCsv(swapped)).toEqual([{ text: 'what is the weather', intent: 'oos' }]);
    const wrong = join(dir, 'c.csv');
    await writeFile(wrong, 'utterance,label\nhi,greeting\n');
    expect(() => readIntentCsv(wrong)).toThrow(/text and category/);
  });
});

describe('intentFilesFromArgs', () => {
  it('takes train and test from the arguments, ignoring flags, and defaults to Banking77', () => {
    expect(intentFilesFromArgs(['--quick', '/x/train.csv', '/x/test.csv'])).toEqual({
      train: '/x/train.csv',
      test: '/x/test.csv',
    });
    expect(intentFilesFromArgs([]).train).toMatch(/banking77[/\\]train\.csv$/);
  });
});
