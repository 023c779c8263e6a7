import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DependencyError } from '@suite/shared/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainOnKnowledgeBase } from '../kb/knowledge-base-training.ts';
import { parseKnowledgeBase } from '../kb/knowledge-base.ts';
import { createTinyXlmRobertaFolder } from '../testing/create-tiny-xlm-roberta.ts';
import { encoderPooling } from './encoder-pooling.ts';
import { createSentenceEncoder, type SentenceEncoder } from './sentence-encoder.ts';

// The pieces each text must become with the tiny vocabulary (TINY_XLMR_PIECES): real pieces, none unknown.
const PIECES: Record<string, string[]> = {
  我的新卡还没有到: ['▁我', '的', '新', '卡', '还', '没有', '到'],
  我的visa卡被锁了: ['▁我', '的', 'visa', '卡', '被', '锁', '了'],
  カードが届きません: ['▁カード', 'が', '届き', 'ません'],
  บัตรใหม่ยังไม่ได้รับเลย: ['▁บัตร', 'ใหม่', 'ยัง', 'ไม่', 'ได้', 'รับ', 'เลย'],
  '¿Dónde está mi tarjeta?': ['▁¿', 'D', 'ónde', '▁está', '▁mi', '▁tarjeta', '?'],
  'où est ma carte?': ['▁où', '▁est', '▁ma', '▁carte', '?'],
  'Überweisung fehlgeschlagen': ['▁Überweisung', '▁fehlgeschlagen'],
};

// <unk>'s id in XLM-R vocabularies (<s> 0, <pad> 1, </s> 2, <unk> 3).
const UNK_ID = 3;

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tiny-xlmr-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The tokenizer transformers.js loads from the folder (the one the encoder's pipeline uses). */
async function tokenizerOf(dir: string) {
  const { AutoTokenizer } = await import('@huggingface/transformers');
  return AutoTokenizer.from_pretrained(basename(dir));
}

const vector = (v: Float32Array | undefined) => Array.from(v!).map((x) => x.toFixed(6));

describe.each(['xlm-roberta', 'bert'] as const)(
  'createSentenceEncoder on a SentencePiece Unigram folder (%s config, as multilingual encoders ship)',
  (family) => {
    let dir: string;
    let encoder: SentenceEncoder;

    beforeAll(async () => {
      dir = await createTinyXlmRobertaFolder(join(root, `tiny-${family}`), { family, hidden: 8 });
      encoder = await createSentenceEncoder(dir);
    });

    it('tokenizes Chinese, Japanese, Thai and accented Latin into real pieces, a decomposed accent as a composed one', async () => {
      const tokenizer = await tokenizerOf(dir);
      for (const [text, pieces] of Object.entries(PIECES)) {
        expect(tokenizer.tokenize(text)).toEqual(pieces);
        expect(tokenizer.encode(text)).not.toContain(UNK_ID);
      }
      // NFD "o" + combining acute, as some keyboards send it: normalised (NFKC) to the same pieces.
      expect(tokenizer.tokenize('¿Do\u0301nde esta\u0301 mi tarjeta?')).toEqual(
        PIECES['¿Dónde está mi tarjeta?'],
      );
      // A script the vocabulary lacks becomes one <unk> per run (<s> ▁ <unk> </s>), not an error.
      expect(tokenizer.encode('안녕')).toEqual([0, 4, UNK_ID, 2]);
    });

    it('embeds every script deterministically, one unit vector of the hidden size per text', async () => {
      const texts = Object.keys(PIECES);
      const first = await encoder.embed(texts, 'query');
      const again = await createSentenceEncoder(dir).then((e) => e.embed(texts, 'query'));
      expect(encoder.dim).toBe(8);
      for (let i = 0; i < texts.length; i++) {
        expect(Math.hypot(...first[i]!)).toBeCloseTo(1, 5);
        expect(vector(again[i])).toEqual(vector(first[i]));
      }
      expect(new Set(first.map((v) => vector(v).join())).size).toBe(texts.length);
    });

    it('mean-pools over the attention mask: a text padded in a batch embeds as it does alone', async () => {
      // The tiny graph's hidden states at padded positions are not zero, as a real encoder's are not.
      const [alone] = await encoder.embed(['卡'], 'query');
      const [padded] = await encoder.embed(['卡', 'บัตรใหม่ยังไม่ได้รับเลย ¿Dónde está mi tarjeta?'], 'query');
      expect(vector(padded)).toEqual(vector(alone));
    });

    it('trains a multilingual knowledge base with its embeddings as features', async () => {
      const kb = parseKnowledgeBase({
        name: 'multilingual',
        languages: ['zh', 'ja', 'th', 'es'],
        intents: [
          {
            id: 'card_not_arrived',
            title: '新卡还没收到',
            examples: [
              '我的新卡还没有到',
              'カードが届きません',
              'บัตรใหม่ยังไม่ได้รับเลย',
              '¿Dónde está mi tarjeta?',
            ],
            answer: '新卡一般5个工作日内寄到。',
          },
          {
            id: 'card_locked',
            title: '卡被锁了',
            examples: ['我的visa卡被锁了', 'Überweisung fehlgeschlagen', 'où est ma carte?'],
            answer: '请在应用里解锁银行卡。',
          },
        ],
      });
      const { classifier, info } = await trainOnKnowledgeBase(kb, [], encoder, {
        augment: false,
        minConfidence: 0,
      });
      expect(info).toMatchObject({ embeddingDim: 8, embeddingModel: dir });
      const [embedding] = await encoder.embed(['カードが届きません'], 'query');
      expect(classifier.predict('カードが届きません', embedding).intent).toBe('card_not_arrived');
    });
  },
);

/** Adds a sentence-transformers Pooling module to `dir`, as the published folders carry one. */
async function writePooling(dir: string, flags: Record<string, boolean>, path = '1_Pooling'): Promise<void> {
  const modules = [
    { idx: 0, name: '0', path: '', type: 'sentence_transformers.models.Transformer' },
    { idx: 1, name: '1', path, type: 'sentence_transformers.models.Pooling' },
    { idx: 2, name: '2', path: '2_Normalize', type: 'sentence_transformers.models.Normalize' },
  ];
  await mkdir(join(dir, path), { recursive: true });
  await writeFile(join(dir, 'modules.json'), JSON.stringify(modules));
  await writeFile(join(dir, path, 'config.json'), JSON.stringify({ word_embedding_dimension: 8, ...flags }));
}

describe('the pooling a multilingual folder declares', () => {
  it('pools as its sentence-transformers module says: CLS for a bge-m3-like folder, mean without a module', async () => {
    const mean = await createTinyXlmRobertaFolder(join(root, 'pooling-none'));
    const cls = await createTinyXlmRobertaFolder(join(root, 'pooling-cls'));
    await writePooling(cls, { pooling_mode_cls_token: true, pooling_mode_mean_tokens: false }, 'pooler');
    expect(await encoderPooling(mean)).toBe('mean');
    expect(await encoderPooling(cls)).toBe('cls');
    // The tiny graph has no layers, so the first token (<s>) is the same vector for every text.
    const [a, b] = await (
      await createSentenceEncoder(cls)
    ).embed(['我的新卡还没有到', 'où est ma carte?'], 'query');
    const [meanA] = await (await createSentenceEncoder(mean)).embed(['我的新卡还没有到'], 'query');
    expect(vector(b)).toEqual(vector(a));
    expect(vector(meanA)).not.toEqual(vector(a));
  });

  it('refuses a pooling it cannot compute right (max, last token, several) as a dependency failure', async () => {
    const refused: Record<string, Record<string, boolean>> = {
      max: { pooling_mode_max_tokens: true },
      last: { pooling_mode_lasttoken: true },
      both: { pooling_mode_mean_tokens: true, pooling_mode_max_tokens: true },
    };
    for (const [name, flags] of Object.entries(refused)) {
      const dir = await createTinyXlmRobertaFolder(join(root, `pooling-${name}`));
      await writePooling(dir, flags);
      await expect(createSentenceEncoder(dir)).rejects.toBeInstanceOf(DependencyError);
    }
  });
});
