// Builds a tiny model folder of the multilingual sentence encoders' family: XLM-R's SentencePiece Unigram
// tokenizer.json (Metaspace pre-tokenizer, <s> </s> <pad> <unk>) with either an XLMRobertaModel config and an ONNX
// graph taking input_ids and attention_mask (multilingual-e5-base, paraphrase-multilingual-mpnet-base-v2), or a
// BertModel config whose graph also takes token_type_ids (Multilingual-MiniLM: paraphrase-multilingual-MiniLM-L12-v2,
// multilingual-e5-small).
import onnxProto from 'onnx-proto';
import { createRng } from '@suite/shared/ml';
import { encodeTinyModel, tensor, valueInfo, writeTinyModelFolder } from './tiny-model-files.ts';
import { createTinyTokenizerJson } from './tiny-tokenizer-json.ts';

const { onnx } = onnxProto;

// XLM-R's special tokens and ids: <s> 0, <pad> 1, </s> 2, <unk> 3, <mask> last.
const SPECIAL = ['<s>', '<pad>', '</s>', '<unk>'];
const UNK_ID = 3;

/**
 * Pieces of a SentencePiece vocabulary ("▁" starts a word) in Chinese, Japanese, Thai and accented Latin, with
 * log-probability scores: the Unigram model picks the segmentation with the highest total.
 */
export const TINY_XLMR_PIECES: ReadonlyArray<readonly [string, number]> = [
  ['▁', -3],
  ['▁my', -4],
  ['▁card', -5],
  ['▁has', -5],
  ['▁not', -5],
  ['▁arrived', -6],
  ['▁visa', -7],
  ['visa', -8],
  ['?', -4],
  ['▁¿', -6],
  ['D', -6],
  ['ónde', -7],
  ['▁está', -6],
  ['▁mi', -5],
  ['▁tarjeta', -7],
  ['▁où', -6],
  ['▁est', -5],
  ['▁ma', -5],
  ['▁carte', -6],
  ['▁Überweisung', -8],
  ['▁fehlgeschlagen', -9],
  ['▁我', -5],
  ['我', -5],
  ['的', -4],
  ['新', -6],
  ['卡', -6],
  ['还', -6],
  ['没有', -6],
  ['到', -6],
  ['被', -6],
  ['锁', -8],
  ['了', -5],
  ['▁カード', -7],
  ['カード', -7],
  ['が', -4],
  ['届き', -8],
  ['ません', -6],
  ['口座', -8],
  ['残高', -8],
  ['▁บัตร', -8],
  ['ใหม่', -7],
  ['ยัง', -6],
  ['ไม่', -5],
  ['ได้', -5],
  ['รับ', -6],
  ['เลย', -6],
];

export interface TinyXlmRobertaOptions {
  /** The config and graph inputs: `xlm-roberta` (default) or `bert` (Multilingual-MiniLM's). */
  family?: 'xlm-roberta' | 'bert';
  hidden?: number;
  seed?: number;
  pieces?: ReadonlyArray<readonly [string, number]>;
}

/**
 * The ONNX graph: last_hidden_state = word_emb[input_ids] + bias (+ type_emb[token_type_ids] for `bert`). Unlike
 * the tiny BERT's it does not zero the padded positions (a real encoder's hidden states there are not zero), so
 * only pooling that follows the attention mask gives a text the same embedding alone and padded in a batch.
 */
function createTinyXlmRobertaOnnx(
  family: 'xlm-roberta' | 'bert',
  vocabSize: number,
  hidden: number,
  seed: number,
): Uint8Array {
  const rng = createRng(seed);
  const words = Float32Array.from({ length: vocabSize * hidden }, () => rng.normal());
  const bias = Float32Array.from({ length: hidden }, () => 1 + rng.normal());
  const types = Float32Array.from({ length: 2 * hidden }, () => rng.normal() * 0.1);
  const F = onnx.TensorProto.DataType.FLOAT;
  const I64 = onnx.TensorProto.DataType.INT64;
  const bert = family === 'bert';
  const gather = (table: string, ids: string, output: string) =>
    onnx.NodeProto.create({ opType: 'Gather', input: [table, ids], output: [output], name: output });
  const add = (a: string, b: string, output: string) =>
    onnx.NodeProto.create({ opType: 'Add', input: [a, b], output: [output], name: output });
  const graph = onnx.GraphProto.create({
    name: `tiny-${family}-unigram`,
    initializer: [
      tensor('word_embeddings', [vocabSize, hidden], words, F),
      tensor('bias', [hidden], bias, F),
      ...(bert ? [tensor('type_embeddings', [2, hidden], types, F)] : []),
    ],
    node: bert
      ? [
          gather('word_embeddings', 'input_ids', 'we'),
          gather('type_embeddings', 'token_type_ids', 'te'),
          add('we', 'te', 'emb'),
          add('emb', 'bias', 'last_hidden_state'),
        ]
      : [gather('word_embeddings', 'input_ids', 'we'), add('we', 'bias', 'last_hidden_state')],
    input: [
      valueInfo('input_ids', I64, ['batch', 'sequence']),
      valueInfo('attention_mask', I64, ['batch', 'sequence']),
      ...(bert ? [valueInfo('token_type_ids', I64, ['batch', 'sequence'])] : []),
    ],
    output: [valueInfo('last_hidden_state', F, ['batch', 'sequence', hidden])],
  });
  return encodeTinyModel(graph);
}

/** Writes the folder `dir` (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx). */
export async function createTinyXlmRobertaFolder(
  dir: string,
  options: TinyXlmRobertaOptions = {},
): Promise<string> {
  const hidden = options.hidden ?? 8;
  const vocab: Array<readonly [string, number]> = [
    ...SPECIAL.map((t) => [t, 0] as const),
    ...(options.pieces ?? TINY_XLMR_PIECES),
    ['<mask>', 0],
  ];
  const special = [...SPECIAL, '<mask>'].map((content) => ({
    content,
    id: vocab.findIndex(([t]) => t === content),
    lstrip: content === '<mask>',
  }));
  const family = options.family ?? 'xlm-roberta';
  const config = {
    ...(family === 'bert'
      ? {
          model_type: 'bert',
          architectures: ['BertModel'],
          type_vocab_size: 2,
          tokenizer_class: 'XLMRobertaTokenizer',
        }
      : { model_type: 'xlm-roberta', architectures: ['XLMRobertaModel'], type_vocab_size: 1 }),
    hidden_size: hidden,
    num_attention_heads: 1,
    num_hidden_layers: 0,
    intermediate_size: hidden,
    max_position_embeddings: 514,
    vocab_size: vocab.length,
    bos_token_id: 0,
    pad_token_id: 1,
    eos_token_id: 2,
  };
  // As the Hugging Face exports of XLM-R models write it (their charsmap, ignored by transformers.js, left out).
  const tokenizer = createTinyTokenizerJson({
    special,
    cls: special[0]!,
    sep: special[2]!,
    pair: 'roberta',
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'Precompiled', precompiled_charsmap: null },
        { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' },
      ],
    },
    preTokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    decoder: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    model: { type: 'Unigram', unk_id: UNK_ID, vocab, byte_fallback: false },
  });
  const tokenizerConfig = {
    tokenizer_class: 'XLMRobertaTokenizer',
    model_max_length: 512,
    bos_token: '<s>',
    eos_token: '</s>',
    sep_token: '</s>',
    cls_token: '<s>',
    unk_token: '<unk>',
    pad_token: '<pad>',
    mask_token: '<mask>',
    clean_up_tokenization_spaces: true,
  };
  return writeTinyModelFolder(dir, {
    config,
    tokenizer,
    tokenizerConfig,
    model: createTinyXlmRobertaOnnx(family, vocab.length, hidden, options.seed ?? 11),
  });
}
