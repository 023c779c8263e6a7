// The tokenizer.json the tiny sentence-encoder folders share (Hugging Face tokenizers' format, as transformers.js
// reads it): WordPiece (BERT) and Unigram (XLM-R) differ in their parts, passed in, not in the frame around them.

/** A special token and its id in the vocabulary. */
export interface TinySpecialToken {
  content: string;
  id: number;
  /** Takes the space before it, as XLM-R's `<mask>`. */
  lstrip?: boolean;
}

/** What differs between the tokenizer families; every part but the template goes into tokenizer.json as it is. */
export interface TinyTokenizerParts {
  /** The special tokens, listed as added_tokens. */
  special: TinySpecialToken[];
  /** The tokens a text goes between: `[CLS]` and `[SEP]`, or `<s>` and `</s>`. */
  cls: TinySpecialToken;
  sep: TinySpecialToken;
  /** How two texts join: BERT's `[CLS] A [SEP] B [SEP]` (B of type 1), or RoBERTa's `<s> A </s></s> B </s>`. */
  pair: 'bert' | 'roberta';
  normalizer: unknown;
  preTokenizer: unknown;
  decoder: unknown;
  model: unknown;
}

const token = (id: string, typeId: number) => ({ SpecialToken: { id, type_id: typeId } });
const text = (id: 'A' | 'B', typeId: number) => ({ Sequence: { id, type_id: typeId } });

/**
 * The tokenizer.json object: no truncation or padding, the special tokens, and a TemplateProcessing post-processor
 * that puts one text between `cls` and `sep`.
 * @example JSON.stringify(createTinyTokenizerJson({ special, cls, sep, pair: 'bert', normalizer, preTokenizer, decoder, model }))
 */
export function createTinyTokenizerJson(parts: TinyTokenizerParts) {
  const { cls, sep } = parts;
  const single = [token(cls.content, 0), text('A', 0), token(sep.content, 0)];
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: parts.special.map(({ content, id, lstrip = false }) => ({
      id,
      content,
      single_word: false,
      lstrip,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: parts.normalizer,
    pre_tokenizer: parts.preTokenizer,
    post_processor: {
      type: 'TemplateProcessing',
      single,
      pair:
        parts.pair === 'bert'
          ? [...single, text('B', 1), token(sep.content, 1)]
          : [...single, token(sep.content, 0), text('B', 0), token(sep.content, 0)],
      special_tokens: Object.fromEntries(
        [cls, sep].map((t) => [t.content, { id: t.content, ids: [t.id], tokens: [t.content] }]),
      ),
    },
    decoder: parts.decoder,
    model: parts.model,
  };
}
