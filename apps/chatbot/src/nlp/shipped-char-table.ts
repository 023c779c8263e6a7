// The character table the app ships (data/char-table.bin, rebuilt by scripts/build-char-table.ts), loaded once per
// process from the sources or from the deploy package (which includes data/ beside dist/).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { charTableEmbeddings, decodeCharTable, type CharTable } from './char-table.ts';
import type { CharEmbeddings } from './char-embeddings.ts';

/** The shipped table's path under the app (or deploy package) folder. */
export const SHIPPED_CHAR_TABLE = join('data', 'char-table.bin');

/** How far up from this module the `data` folder may sit (src/nlp/x.ts, or dist/chunk.js). */
const MAX_LEVELS_UP = 5;

/** A table with its rows ready to embed messages. */
export interface LoadedCharTable {
  table: CharTable;
  embeddings: CharEmbeddings;
}

let loaded: LoadedCharTable | undefined;

/** Finds `relative` in the folder of `from` or one of its parents; undefined when none has it. */
export function findUpwards(from: string, relative: string, levels = MAX_LEVELS_UP): string | undefined {
  let dir = from;
  for (let i = 0; i < levels; i++) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

/**
 * The shipped table, read and dequantised on first use (about 0.25 MB, a few milliseconds). Throws when the file is
 * missing, so a package built without `data/` fails loudly instead of training a different model.
 *
 * @example const { table, embeddings } = getShippedCharTable(); embeddings.embed('放一首歌')
 */
export function getShippedCharTable(): LoadedCharTable {
  if (loaded !== undefined) return loaded;
  const here = dirname(fileURLToPath(import.meta.url));
  const file = findUpwards(here, SHIPPED_CHAR_TABLE);
  if (file === undefined) throw new Error(`character table ${SHIPPED_CHAR_TABLE} not found above ${here}`);
  const table = decodeCharTable(new Uint8Array(readFileSync(file)));
  loaded = { table, embeddings: charTableEmbeddings(table) };
  return loaded;
}

/** Forgets the loaded table (tests). */
export function resetShippedCharTable(): void {
  loaded = undefined;
}
