import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DependencyError } from '@suite/shared/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSentenceEncoder, type SentenceEncoder } from './sentence-encoder.ts';
import { createTinyBertFolder } from '../testing/create-tiny-bert.ts';

let root: string;
let encoder: SentenceEncoder;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tiny-bert-'));
  encoder = await createSentenceEncoder(await createTinyBertFolder(join(root, 'tiny-bert'), { hidden: 8 }));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('createSentenceEncoder (real transformers pipeline on a tiny local BERT)', () => {
  it('reports the hidden size as the embedding length', () => {
    expect(encoder.dim).toBe(8);
  });

  it('returns one unit-length vector per text', async () => {
    const [a, b] = await encoder.embed(['my card has not arrived', 'cancel transfer'], 'query');
    for (const v of [a!, b!]) expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    expect(Array.from(a!)).not.toEqual(Array.from(b!));
  });

  it('mean-pools token vectors: a sentence and its repetition give the same embedding', async () => {
    // [CLS] card [SEP] vs [CLS] card card [SEP] differ in mean; the same text padded in a batch must not.
    const [alone] = await encoder.embed(['card'], 'query');
    const [padded] = await encoder.embed(['card', 'my card has not arrived where is my money'], 'query');
    expect(Array.from(padded!).map((x) => x.toFixed(5))).toEqual(Array.from(alone!).map((x) => x.toFixed(5)));
  });

  it('maps unknown words to [UNK] instead of failing, and encodes empty text', async () => {
    const out = await encoder.embed(['zzzz qqqq', ''], 'query');
    expect(out).toHaveLength(2);
  });

  it('takes a multilingual folder the same way: Chinese and mixed text encode character by character', async () => {
    // A vocabulary with Chinese characters, as multilingual models have; BERT's tokenizer splits Han per character.
    const multilingual = await createSentenceEncoder(
      await createTinyBertFolder(join(root, 'tiny-multilingual'), {
        hidden: 8,
        words: ['my', 'card', 'visa', '我', '的', '卡', '被', '锁', '了', '新', '到'],
      }),
    );
    const [locked, arrived, english] = await multilingual.embed(
      ['我的visa卡被锁了', '我的新卡到了', 'my card'],
      'query',
    );
    for (const v of [locked!, arrived!, english!]) expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    expect(Array.from(locked!)).not.toEqual(Array.from(arrived!));
  });

  it('refuses a folder without a model as a dependency failure, without downloading', async () => {
    const empty = join(root, 'empty-model');
    await createTinyBertFolder(empty);
    await writeFile(join(empty, 'onnx', 'model.onnx'), 'not an onnx graph');
    await expect(createSentenceEncoder(empty)).rejects.toBeInstanceOf(DependencyError);
    await expect(createSentenceEncoder(join(root, 'missing'))).rejects.toBeInstanceOf(DependencyError);
  });
});
