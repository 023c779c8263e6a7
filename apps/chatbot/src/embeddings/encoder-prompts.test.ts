import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { DependencyError } from '@suite/shared/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainOnKnowledgeBase } from '../kb/knowledge-base-training.ts';
import { parseKnowledgeBase } from '../kb/knowledge-base.ts';
import { createTinyBertFolder, TINY_BERT_WORDS } from '../testing/create-tiny-bert.ts';
import { createTinyXlmRobertaFolder, TINY_XLMR_PIECES } from '../testing/create-tiny-xlm-roberta.ts';
import { encoderPrompts, PROMPTS_FILE, type EmbeddingRole } from './encoder-prompts.ts';
import { createSentenceEncoder, type SentenceEncoder } from './sentence-encoder.ts';

const E5_PROMPTS = { prompts: { query: 'query: ', passage: 'passage: ' }, default_prompt_name: null };

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'encoder-prompts-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Writes `config_sentence_transformers.json` into `dir` (a string as is, anything else as JSON). */
async function writePrompts(dir: string, config: unknown): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, PROMPTS_FILE), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

// Two folders of one model (same vocabulary, same seed, so the same weights), with the prompt words in the vocabulary
// so the prompt becomes real tokens rather than <unk>: one declaring e5's prompts, one declaring none.
const BUILDERS = {
  'xlm-roberta': (dir: string) =>
    createTinyXlmRobertaFolder(dir, {
      pieces: [...TINY_XLMR_PIECES, ['▁query', -5], ['▁passage', -5], [':', -4]],
    }),
  bert: (dir: string) => createTinyBertFolder(dir, { words: [...TINY_BERT_WORDS, 'query', 'passage', ':'] }),
};

const exact = (vectors: Float32Array[]) => vectors.map((v) => Array.from(v));

describe.each(Object.keys(BUILDERS) as Array<keyof typeof BUILDERS>)(
  'prompts on a tiny %s folder',
  (family) => {
    let plain: SentenceEncoder;
    let e5: SentenceEncoder;
    let plainDir: string;
    const texts = ['my card has not arrived', '我的新卡还没有到', ''];

    beforeAll(async () => {
      plainDir = await BUILDERS[family](join(root, `${family}-plain`));
      const e5Dir = await writePrompts(await BUILDERS[family](join(root, `${family}-e5`)), E5_PROMPTS);
      [plain, e5] = await Promise.all([createSentenceEncoder(plainDir), createSentenceEncoder(e5Dir)]);
    });

    it('embeds each role exactly as the same model embeds the text with the prompt written in front', async () => {
      expect(e5.prompts).toEqual({ query: 'query: ', passage: 'passage: ' });
      for (const role of ['query', 'passage'] as const) {
        const prefixed = texts.map((t) => `${role}: ${t}`);
        expect(exact(await e5.embed(texts, role))).toEqual(exact(await plain.embed(prefixed, role)));
      }
      const [query] = await e5.embed([texts[0]!], 'query');
      const [passage] = await e5.embed([texts[0]!], 'passage');
      const [bare] = await plain.embed([texts[0]!], 'query');
      expect(Array.from(query!)).not.toEqual(Array.from(bare!));
      expect(Array.from(query!)).not.toEqual(Array.from(passage!));
    });

    it('embeds a folder without prompts as before: the bare text, the same for both roles', async () => {
      expect(plain.prompts).toEqual({ query: '', passage: '' });
      // The pipeline called as the encoder did before prompts existed.
      const { pipeline } = await import('@huggingface/transformers');
      const extractor = (await pipeline('feature-extraction', basename(plainDir), {
        dtype: 'fp32',
        device: 'cpu',
      })) as FeatureExtractionPipeline;
      const tensor = await extractor(texts.slice(0, 2), { pooling: 'mean', normalize: true });
      const before = [0, 1].map((r) => (tensor.data as Float32Array).slice(r * 8, (r + 1) * 8));
      expect(exact(await plain.embed(texts.slice(0, 2), 'query'))).toEqual(exact(before));
      expect(exact(await plain.embed(texts, 'passage'))).toEqual(exact(await plain.embed(texts, 'query')));
    });

    it('lets a configured prompt replace the folder one, and an empty one remove it', async () => {
      const overridden = await createSentenceEncoder(e5.modelDir, {
        prompts: { query: '', passage: undefined },
      });
      expect(overridden.prompts).toEqual({ query: '', passage: 'passage: ' });
      expect(exact(await overridden.embed(texts, 'query'))).toEqual(exact(await plain.embed(texts, 'query')));
    });

    it("trains the intent classifier on examples behind the query prompt, the one a message's embedding has", async () => {
      const kb = parseKnowledgeBase({
        name: 'prompts',
        languages: ['en', 'zh'],
        intents: [
          { id: 'not_arrived', title: 'Card not arrived', examples: texts.slice(0, 2), answer: 'Five days.' },
          {
            id: 'transfer',
            title: 'Transfer',
            examples: ['cancel transfer', 'Überweisung fehlgeschlagen'],
            answer: 'Done.',
          },
        ],
      });
      const roles: EmbeddingRole[] = [];
      const recording: SentenceEncoder = {
        ...e5,
        embed: (batch, role) => (roles.push(role), e5.embed(batch, role)),
      };
      const { classifier, info } = await trainOnKnowledgeBase(kb, [], recording, {
        augment: false,
        minConfidence: 0,
      });
      expect(roles).toEqual(['query']);
      expect(info).toMatchObject({ embeddingPrompt: 'query: ', embeddingDim: 8 });
      const [message] = await e5.embed([texts[0]!], 'query');
      expect(classifier.predict(texts[0]!, message).intent).toBe('not_arrived');
    });
  },
);

describe('encoderPrompts', () => {
  it('reads the prompts as sentence-transformers chooses them for queries and documents', async () => {
    const cases: Array<[unknown, { query: string; passage: string }]> = [
      // bge-*-v1.5: an instruction for queries, documents bare.
      [{ prompts: { query: 'Represent: ', document: '' } }, { query: 'Represent: ', passage: '' }],
      // document before passage before corpus; the default prompt when a role has none.
      [
        { prompts: { corpus: 'c: ', passage: 'p: ', sts: 's: ' }, default_prompt_name: 'sts' },
        { query: 's: ', passage: 'p: ' },
      ],
      [
        { prompts: { query: 'q: ' }, default_prompt_name: null },
        { query: 'q: ', passage: '' },
      ],
      [{ __version__: { sentence_transformers: '2.2.2' } }, { query: '', passage: '' }],
    ];
    for (const [i, [config, expected]] of cases.entries())
      expect(await encoderPrompts(await writePrompts(join(root, `read-${i}`), config))).toEqual(expected);
    expect(await encoderPrompts(join(root, 'no-such-folder'))).toEqual({ query: '', passage: '' });
  });

  it('fails the load with an error naming the file when it is malformed', async () => {
    const malformed: Record<string, unknown> = {
      'not-json': '{"prompts": {"query": "query: ",}',
      'not-object': '["query: "]',
      'prompts-list': { prompts: ['query: '] },
      'prompt-number': { prompts: { query: 1 } },
      'default-missing': { prompts: { query: 'q: ' }, default_prompt_name: 'classification' },
    };
    const folder = await createTinyXlmRobertaFolder(join(root, 'malformed-model'));
    for (const [name, config] of Object.entries(malformed)) {
      await writePrompts(folder, config);
      const load = createSentenceEncoder(folder);
      await expect(load, name).rejects.toBeInstanceOf(DependencyError);
      await expect(load, name).rejects.toThrow(/config_sentence_transformers\.json/);
    }
  });

  it('refuses a prompt when the mean pooling leaves the prompt out (include_prompt: false)', async () => {
    const folder = await writePrompts(await createTinyXlmRobertaFolder(join(root, 'exclude')), E5_PROMPTS);
    await mkdir(join(folder, '1_Pooling'), { recursive: true });
    const pooling = { pooling_mode_mean_tokens: true, include_prompt: false };
    await writeFile(join(folder, '1_Pooling', 'config.json'), JSON.stringify(pooling));
    await expect(createSentenceEncoder(folder)).rejects.toThrow(/include_prompt/);
    // Without a prompt there is nothing to leave out.
    const bare = await createSentenceEncoder(folder, { prompts: { query: '', passage: '' } });
    expect(bare.prompts).toEqual({ query: '', passage: '' });
  });
});
