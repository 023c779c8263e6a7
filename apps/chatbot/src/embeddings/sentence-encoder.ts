// Sentence embeddings from a local Transformer encoder folder: the folder's prompt before each text, its pooling over
// tokens (mean unless it declares another), then L2 normalisation.
import { basename, dirname, resolve } from 'node:path';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { DependencyError } from '@suite/shared/errors';
import { encoderPooling, poolingIncludesPrompt, type EncoderPooling } from './encoder-pooling.ts';
import { encoderPrompts, type EmbeddingRole, type EncoderPrompts } from './encoder-prompts.ts';

export interface SentenceEncoder {
  /** Folder the model was loaded from. */
  readonly modelDir: string;
  /** Length of each embedding. */
  readonly dim: number;
  /** What is put before each text of a role ('' for none): the folder's prompts unless overridden. */
  readonly prompts: EncoderPrompts;
  /** Unit-length embeddings of `texts` behind the `role`'s prompt, one per text, in order. */
  embed(texts: readonly string[], role: EmbeddingRole): Promise<Float32Array[]>;
}

export interface SentenceEncoderOptions {
  /** Replaces the folder's prompt of a role ('' for none); a role left out keeps the folder's. */
  prompts?: { readonly [R in EmbeddingRole]?: string | undefined };
}

// Encoding in slices keeps padding short and memory flat on large knowledge bases.
const BATCH = 32;

/**
 * Loads the encoder in `modelDir`: config.json, tokenizer.json and onnx/model.onnx of a BERT-type model
 * (WordPiece, as all-MiniLM-L6-v2) or of the multilingual XLM-R family (SentencePiece Unigram, as
 * paraphrase-multilingual-MiniLM-L12-v2 or multilingual-e5-small), pooled as the folder's sentence-transformers
 * Pooling module says (`encoderPooling`), each text behind the prompt its `config_sentence_transformers.json`
 * declares for the role (`encoderPrompts`; multilingual-e5's `query: ` / `passage: `). Remote model hubs are switched
 * off: nothing is ever downloaded.
 *
 * @example const encoder = await createSentenceEncoder('/models/multilingual-e5-small');
 * await encoder.embed(['where is my card?'], 'query'); // embeds "query: where is my card?"
 */
export async function createSentenceEncoder(
  modelDir: string,
  options: SentenceEncoderOptions = {},
): Promise<SentenceEncoder> {
  const dir = resolve(modelDir);
  // Loaded on demand: transformers.js and onnxruntime cost cold-start time that apps without an encoder never pay.
  const { env, pipeline } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${dirname(dir)}/`;
  let extractor: FeatureExtractionPipeline;
  let pooling: EncoderPooling;
  let prompts: EncoderPrompts;
  try {
    pooling = await encoderPooling(dir);
    prompts = Object.freeze({ ...(await encoderPrompts(dir)), ...definedOnly(options.prompts) });
    if (pooling === 'mean' && (prompts.query || prompts.passage) && !(await poolingIncludesPrompt(dir)))
      throw new Error(
        'the Pooling config sets include_prompt: false; the pipeline pools over the prompt too',
      );
    extractor = (await pipeline('feature-extraction', basename(dir), {
      dtype: 'fp32',
      device: 'cpu',
    })) as FeatureExtractionPipeline;
  } catch (error) {
    // The cause's message names the file at fault (a pooling or prompts config), so the one log line says what to fix.
    const why = error instanceof Error ? `: ${error.message}` : '';
    throw new DependencyError(`the sentence encoder in ${dir} could not be loaded${why}`, {
      dependency: 'embedding-model',
      cause: error,
    });
  }
  const embed = async (texts: readonly string[], role: EmbeddingRole): Promise<Float32Array[]> => {
    const prompt = prompts[role];
    const out: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += BATCH) {
      // As sentence-transformers does: the prompt is plain text before the text, tokenized with it.
      const batch = texts.slice(start, start + BATCH).map((t) => {
        const prompted = prompt + t;
        return prompted.trim() === '' ? ' ' : prompted;
      });
      const tensor = await extractor(batch, { pooling, normalize: true });
      const [rows, dim] = tensor.dims as [number, number];
      const data = tensor.data as Float32Array;
      for (let r = 0; r < rows; r++) out.push(data.slice(r * dim, (r + 1) * dim));
    }
    return out;
  };
  const [probe] = await embed(['probe'], 'query');
  return { modelDir: dir, dim: probe?.length ?? 0, prompts, embed };
}

function definedOnly(prompts: SentenceEncoderOptions['prompts'] = {}): Partial<EncoderPrompts> {
  return Object.fromEntries(Object.entries(prompts).filter(([, v]) => v !== undefined));
}
