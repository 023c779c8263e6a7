// The prompts a sentence encoder was trained to see in front of its texts, as its sentence-transformers folder
// declares them (config_sentence_transformers.json), none when it declares none.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * What a text is to the encoder. `query`: a customer's message, and the classifier's training examples (they are
 * messages too, and must be embedded as the messages they are compared with). `passage`: a knowledge-base entry a
 * message is retrieved against.
 */
export type EmbeddingRole = 'query' | 'passage';

/** The text put before each text of a role; '' for none. */
export type EncoderPrompts = Readonly<Record<EmbeddingRole, string>>;

/** The file sentence-transformers keeps its prompts in. */
export const PROMPTS_FILE = 'config_sentence_transformers.json';

// The names sentence-transformers' encode_document tries, in its order; encode_query tries "query".
const PASSAGE_NAMES = ['document', 'passage', 'corpus'];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Chooses as sentence-transformers' `encode_query` / `encode_document` do: the `query` prompt for queries, the first
 * of `document`, `passage`, `corpus` for passages, else the `default_prompt_name` one (which `encode` applies to
 * every text), else none. multilingual-e5 declares `query: ` and `passage: `; bge-*-v1.5 declares a query
 * instruction and an empty document prompt.
 *
 * @throws Error naming the file when it is not JSON, `prompts` is not an object of strings, or
 * `default_prompt_name` names no declared prompt: a model embedded without its prompts ranks worse, silently.
 * @example await encoderPrompts('/models/multilingual-e5-small') // { query: 'query: ', passage: 'passage: ' }
 */
export async function encoderPrompts(dir: string): Promise<EncoderPrompts> {
  let text: string;
  try {
    text = await readFile(join(dir, PROMPTS_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { query: '', passage: '' };
    throw error;
  }
  const bad = (why: string, cause?: unknown) =>
    new Error(`${PROMPTS_FILE} ${why}`, cause === undefined ? undefined : { cause });
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    throw bad('is not valid JSON', error);
  }
  if (!isRecord(config)) throw bad('is not a JSON object');
  const prompts = config.prompts ?? {};
  if (!isRecord(prompts)) throw bad('has a "prompts" that is not an object of name -> prompt text');
  for (const [name, value] of Object.entries(prompts))
    if (typeof value !== 'string') throw bad(`has a prompt "${name}" that is not a string`);
  const declared = prompts as Record<string, string>;
  const defaultName = config.default_prompt_name ?? null;
  if (defaultName !== null && (typeof defaultName !== 'string' || !(defaultName in declared)))
    throw bad(`has a default_prompt_name (${JSON.stringify(defaultName)}) that names no prompt it declares`);
  const fallback = defaultName === null ? '' : (declared[defaultName] ?? '');
  const passageName = PASSAGE_NAMES.find((name) => name in declared);
  return {
    query: declared.query ?? fallback,
    passage: passageName === undefined ? fallback : (declared[passageName] ?? fallback),
  };
}
