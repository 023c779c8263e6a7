// How a sentence encoder's token vectors become one sentence vector: the pooling its sentence-transformers folder
// declares (modules.json -> 1_Pooling/config.json), mean pooling when it declares none.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The poolings transformers.js computes right on a padded batch, by its names. */
export type EncoderPooling = 'mean' | 'cls';

// sentence-transformers' Pooling flags and the pipeline's name for each. The others have no equivalent: the
// pipeline has no max or weighted pooling, and its last-token pooling takes the last position of a padded batch
// (a pad for every shorter text) instead of each text's last token.
const MODES: ReadonlyArray<readonly [string, EncoderPooling | undefined]> = [
  ['pooling_mode_mean_tokens', 'mean'],
  ['pooling_mode_cls_token', 'cls'],
  ['pooling_mode_lasttoken', undefined],
  ['pooling_mode_max_tokens', undefined],
  ['pooling_mode_mean_sqrt_len_tokens', undefined],
  ['pooling_mode_weightedmean_tokens', undefined],
];

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The pooling the encoder in `dir` was trained with: multilingual encoders differ (paraphrase-multilingual-MiniLM
 * and multilingual-e5 average the tokens, bge-m3 takes the first token), and the wrong one gives vectors that still
 * look fine but rank poorly. A folder without a Pooling module (an ONNX export alone) gets mean pooling.
 *
 * @throws Error when the folder declares a pooling the pipeline cannot compute right (max, sqrt-length, weighted
 * mean, last token, or several at once), rather than embedding with another one.
 * @example await encoderPooling('/models/bge-m3') // "cls"
 */
export async function encoderPooling(dir: string): Promise<EncoderPooling> {
  const { path, config } = await poolingConfig(dir);
  if (config === undefined) return 'mean';
  const declared = MODES.filter(([flag]) => config[flag] === true);
  const [only] = declared;
  if (declared.length !== 1 || only?.[1] === undefined)
    throw new Error(
      `${join(path, 'config.json')} declares ${declared.map(([flag]) => flag).join(' + ') || 'no pooling mode'}; ` +
        'only one of mean or CLS pooling is supported',
    );
  return only[1];
}

/**
 * Whether the pooling counts the prompt's tokens (sentence-transformers' `include_prompt`, true unless the folder
 * says false, as instruction models such as INSTRUCTOR do). The pipeline always pools over every token, so a
 * folder that leaves the prompt out cannot be embedded with one.
 */
export async function poolingIncludesPrompt(dir: string): Promise<boolean> {
  return (await poolingConfig(dir)).config?.include_prompt !== false;
}

async function poolingConfig(dir: string) {
  const modules = await readJson(join(dir, 'modules.json'));
  const pooling = Array.isArray(modules)
    ? (modules as Array<{ type?: unknown; path?: unknown }>).find(
        (m) => typeof m.type === 'string' && m.type.endsWith('.Pooling'),
      )
    : undefined;
  const path = typeof pooling?.path === 'string' ? pooling.path : '1_Pooling';
  const config = (await readJson(join(dir, path, 'config.json'))) as Record<string, unknown> | undefined;
  return { path, config };
}
