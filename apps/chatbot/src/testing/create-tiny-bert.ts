// Builds a tiny BERT-type model folder (config, WordPiece tokenizer, ONNX graph) so tests run the real loading code offline.
import onnxProto from 'onnx-proto';
import { createRng } from '@suite/shared/ml';
import { encodeTinyModel, tensor, valueInfo, writeTinyModelFolder } from './tiny-model-files.ts';
import { createTinyTokenizerJson } from './tiny-tokenizer-json.ts';

const { onnx } = onnxProto;

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];

export const TINY_BERT_WORDS = [
  'my',
  'card',
  'has',
  'not',
  'arrived',
  'where',
  'is',
  'lost',
  'stolen',
  'cancel',
  'transfer',
  'money',
  'the',
  'a',
  'exchange',
  'rate',
  'top',
  'up',
  'refund',
  'pin',
  'fee',
  'account',
  'open',
  'close',
  'human',
  'agent',
  'help',
  '##s',
  '##ed',
  '##ing',
  '?',
  '.',
  ',',
  '!',
];

export interface TinyBertOptions {
  hidden?: number;
  seed?: number;
  words?: readonly string[];
}

/**
 * The ONNX graph: last_hidden_state = (word_emb[input_ids] + type_emb[token_type_ids]) * attention_mask,
 * i.e. a "transformer" with zero layers. Enough for the real tokenizer, session and pooling to run end to end.
 */
export function createTinyBertOnnx(vocabSize: number, hidden: number, seed: number): Uint8Array {
  const rng = createRng(seed);
  const words = Float32Array.from({ length: vocabSize * hidden }, () => rng.normal());
  const types = Float32Array.from({ length: 2 * hidden }, () => rng.normal() * 0.1);
  const F = onnx.TensorProto.DataType.FLOAT;
  const I64 = onnx.TensorProto.DataType.INT64;
  const graph = onnx.GraphProto.create({
    name: 'tiny-bert',
    initializer: [
      tensor('word_embeddings', [vocabSize, hidden], words, F),
      tensor('type_embeddings', [2, hidden], types, F),
      tensor('last_axis', [1], BigInt64Array.from([-1n]), I64),
    ],
    node: [
      onnx.NodeProto.create({
        opType: 'Gather',
        input: ['word_embeddings', 'input_ids'],
        output: ['we'],
        name: 'gather_words',
      }),
      onnx.NodeProto.create({
        opType: 'Gather',
        input: ['type_embeddings', 'token_type_ids'],
        output: ['te'],
        name: 'gather_types',
      }),
      onnx.NodeProto.create({ opType: 'Add', input: ['we', 'te'], output: ['emb'], name: 'add' }),
      onnx.NodeProto.create({
        opType: 'Cast',
        input: ['attention_mask'],
        output: ['mask_f'],
        name: 'cast_mask',
        attribute: [
          onnx.AttributeProto.create({ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: F }),
        ],
      }),
      onnx.NodeProto.create({
        opType: 'Unsqueeze',
        input: ['mask_f', 'last_axis'],
        output: ['mask_3d'],
        name: 'unsqueeze',
      }),
      onnx.NodeProto.create({
        opType: 'Mul',
        input: ['emb', 'mask_3d'],
        output: ['last_hidden_state'],
        name: 'mask',
      }),
    ],
    input: [
      valueInfo('input_ids', I64, ['batch', 'sequence']),
      valueInfo('attention_mask', I64, ['batch', 'sequence']),
      valueInfo('token_type_ids', I64, ['batch', 'sequence']),
    ],
    output: [valueInfo('last_hidden_state', F, ['batch', 'sequence', hidden])],
  });
  return encodeTinyModel(graph);
}

/** Writes the folder `dir` (config.json, tokenizer.json, tokenizer_config.json, vocab.txt, onnx/model.onnx). */
export async function createTinyBertFolder(dir: string, options: TinyBertOptions = {}): Promise<string> {
  const hidden = options.hidden ?? 8;
  const vocab = [...SPECIAL, ...(options.words ?? TINY_BERT_WORDS)];
  const vocabMap = Object.fromEntries(vocab.map((t, i) => [t, i]));
  const config = {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: hidden,
    num_attention_heads: 1,
    num_hidden_layers: 0,
    intermediate_size: hidden,
    max_position_embeddings: 128,
    type_vocab_size: 2,
    vocab_size: vocab.length,
    pad_token_id: 0,
  };
  const special = SPECIAL.map((content, id) => ({ content, id }));
  const tokenizer = createTinyTokenizerJson({
    special,
    cls: special[2]!,
    sep: special[3]!,
    pair: 'bert',
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    preTokenizer: { type: 'BertPreTokenizer' },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: vocabMap,
    },
  });
  const tokenizerConfig = {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: 128,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
    clean_up_tokenization_spaces: true,
  };
  return writeTinyModelFolder(dir, {
    config,
    tokenizer,
    tokenizerConfig,
    vocabTxt: `${vocab.join('\n')}\n`,
    model: createTinyBertOnnx(vocab.length, hidden, options.seed ?? 7),
  });
}
