// Artifacts written by earlier formats still decode and predict as they did.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeClassifier, encodeClassifier } from './classifier-artifact.ts';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);

const version = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true);

describe('classifier artifact, format 4 (written before the hidden-layer member)', () => {
  // Encoded by the format-4 code at commit 2e2300e from `zh` (seed 1, char block dim 8, the fixture table below).
  const v4 = new Uint8Array(readFileSync(fixture('classifier-format-4.bin')));
  const recorded = JSON.parse(
    readFileSync(fixture('classifier-format-4.predictions.json'), 'utf8'),
  ) as Record<string, unknown>;

  it('still decodes, with its table and no member, and predicts what it predicted when it was written', () => {
    expect(version(v4)).toBe(4);
    const clf = decodeClassifier(v4);
    expect(clf.data.charTable?.name).toBe('fixture-table');
    expect(clf.data.hiddenLayer).toBeNull();
    expect(clf.data.languageTemperatures).toBeUndefined();
    for (const [message, prediction] of Object.entries(recorded))
      expect(clf.predict(message)).toEqual(prediction);
    const again = decodeClassifier(encodeClassifier(clf));
    for (const [message, prediction] of Object.entries(recorded))
      expect(again.predict(message)).toEqual(prediction);
  });
});

describe('classifier artifact, format 5 (written before per-language temperatures)', () => {
  // Encoded by the format-5 code at commit bd93172 from `zh` above (seed 1, a hidden-layer member of 8 units, offsets
  // forced on, no character table); predictions recorded then.
  const v5 = new Uint8Array(readFileSync(fixture('classifier-format-5.bin')));
  const recorded = JSON.parse(
    readFileSync(fixture('classifier-format-5.predictions.json'), 'utf8'),
  ) as Record<string, unknown>;

  it('still decodes, with one shared temperature for every language, and predicts what it predicted then', () => {
    expect(version(v5)).toBe(5);
    const clf = decodeClassifier(v5);
    expect(clf.data.languageTemperatures).toBeUndefined();
    expect(clf.data.hiddenLayer?.model.hidden).toBe(8);
    for (const [message, prediction] of Object.entries(recorded)) {
      expect(clf.predict(message)).toEqual(prediction);
      expect(clf.predict(message, undefined, 'zh')).toEqual(prediction);
    }
    const again = decodeClassifier(encodeClassifier(clf));
    for (const [message, prediction] of Object.entries(recorded))
      expect(again.predict(message)).toEqual(prediction);
  });
});

describe('classifier artifact, format 3 (written before the character table)', () => {
  // Encoded by the format-3 code at commit 6ddaf3d from `zh` above (seed 1, char block dim 8, offsets forced on).
  const v3 = new Uint8Array(readFileSync(fixture('classifier-format-3.bin')));
  const recorded = JSON.parse(
    readFileSync(fixture('classifier-format-3.predictions.json'), 'utf8'),
  ) as Record<string, unknown>;

  it('still decodes, with its offsets and no table, and predicts what it predicted when it was written', () => {
    expect(version(v3)).toBe(3);
    const clf = decodeClassifier(v3);
    expect(clf.data.classOffsets).toHaveLength(3);
    expect(clf.data.charTable).toBeNull();
    expect(clf.data.languageTemperatures).toBeUndefined();
    for (const [message, prediction] of Object.entries(recorded))
      expect(clf.predict(message)).toEqual(prediction);
    const again = decodeClassifier(encodeClassifier(clf));
    for (const [message, prediction] of Object.entries(recorded))
      expect(again.predict(message)).toEqual(prediction);
  });
});

describe('classifier artifact, format 2 (written before class offsets)', () => {
  // Encoded by the format-2 code at commit 6006dee from `zh` above (seed 1, char block dim 8); predictions recorded then.
  const v2 = new Uint8Array(readFileSync(fixture('classifier-format-2.bin')));
  const recorded = JSON.parse(
    readFileSync(fixture('classifier-format-2.predictions.json'), 'utf8'),
  ) as Record<string, unknown>;

  it('still decodes, without offsets, and predicts what it predicted when it was written', () => {
    expect(new DataView(v2.buffer, v2.byteOffset).getUint32(4, true)).toBe(2);
    const clf = decodeClassifier(v2);
    expect(clf.data.classOffsets).toBeNull();
    expect(clf.data.charEmbeddings?.dim).toBe(8);
    for (const [message, prediction] of Object.entries(recorded))
      expect(clf.predict(message)).toEqual(prediction);
    const again = decodeClassifier(encodeClassifier(clf));
    for (const [message, prediction] of Object.entries(recorded))
      expect(again.predict(message)).toEqual(prediction);
  });
});

describe('classifier artifact, format 1 (written before character embeddings)', () => {
  // Encoded by the format-1 code at commit 3346c22 from `zh` above (seed 1); its predictions recorded then.
  const v1 = new Uint8Array(readFileSync(fixture('classifier-format-1.bin')));
  const recorded = JSON.parse(
    readFileSync(fixture('classifier-format-1.predictions.json'), 'utf8'),
  ) as Record<string, unknown>;

  it('still decodes, without a character block, and predicts what it predicted when it was written', () => {
    expect(new DataView(v1.buffer, v1.byteOffset).getUint32(4, true)).toBe(1);
    const clf = decodeClassifier(v1);
    expect(clf.data.charEmbeddings).toBeNull();
    expect(clf.data.charEmbeddingWeight).toBe(0);
    expect(clf.data.classOffsets).toBeNull();
    for (const [message, prediction] of Object.entries(recorded))
      expect(clf.predict(message)).toEqual(prediction);
  });

  it('is written back as the current format and predicts the same', () => {
    const again = encodeClassifier(decodeClassifier(v1));
    expect(version(again)).toBe(6);
    const clf = decodeClassifier(again);
    for (const [message, prediction] of Object.entries(recorded))
      expect(clf.predict(message)).toEqual(prediction);
  });
});
