// Sentence embeddings from a local Transformer encoder folder: the folder's pooling over tokens (mean unless it
// declares another), then L2 normalisation.
import { basename, dirname, resolve } from 'node:path';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { DependencyError } from '@suite/shared/errors';
import { encoderPooling, type EncoderPooling } from './encoder-pooling.ts';

export interface SentenceEncoder {
  /** Folder the model was loaded from. */
  readonly modelDir: string;
  /** Length of each embedding. */
  readonly dim: number;
  /** Unit-length embeddings, one per text, in order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

// Encoding in slices keeps padding short and memory flat on large knowledge bases.
const BATCH = 32;

/**
 * Loads the encoder in `modelDir`: config.json, tokenizer.json and onnx/model.onnx of a BERT-type model
 * (WordPiece, as all-MiniLM-L6-v2) or of the multilingual XLM-R family (SentencePiece Unigram, as
 * paraphrase-multilingual-MiniLM-L12-v2 or multilingual-e5-small), pooled as the folder's sentence-transformers
 * Pooling module says (`encoderPooling`). Remote model hubs are switched off: nothing is ever downloaded.
 *
 * @example const encoder = await createSentenceEncoder('/models/all-MiniLM-L6-v2');
 */
export async function createSentenceEncoder(modelDir: string): Promise<SentenceEncoder> {
  const dir = resolve(modelDir);
  // Loaded on demand: transformers.js and onnxruntime cost cold-start time that apps without an encoder never pay.
  const { env, pipeline } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${dirname(dir)}/`;
  let extractor: FeatureExtractionPipeline;
  let pooling: EncoderPooling;
  try {
    pooling = await encoderPooling(dir);
    extractor = (await pipeline('feature-extraction', basename(dir), {
      dtype: 'fp32',
      device: 'cpu',
    })) as FeatureExtractionPipeline;
  } catch (error) {
    throw new DependencyError(`the sentence encoder in ${dir} could not be loaded`, {
      dependency: 'embedding-model',
      cause: error,
    });
  }
  const embed = async (texts: readonly string[]): Promise<Float32Array[]> => {
    const out: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += BATCH) {
      const batch = texts.slice(start, start + BATCH).map((t) => (t.trim() === '' ? ' ' : t));
      const tensor = await extractor(batch, { pooling, normalize: true });
      const [rows, dim] = tensor.dims as [number, number];
      const data = tensor.data as Float32Array;
      for (let r = 0; r < rows; r++) out.push(data.slice(r * dim, (r + 1) * dim));
    }
    return out;
  };
  const [probe] = await embed(['probe']);
  return { modelDir: dir, dim: probe?.length ?? 0, embed };
}
