// The filesystem ModelStore's `latest` pointer: numbered generation files, the highest one current. A publisher
// moves it by exclusively creating the next generation, which is atomic across processes without a lock that
// could go stale.
import { link, mkdir, open, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FsLayout } from './fs-layout.ts';
import { isCode, readdirOrEmpty } from './fs-layout.ts';
import { toPointerRead, type PointerRead } from './pointer-read.ts';
import type { ModelManifest } from './types.ts';

const GENERATION_PATTERN = /^(\d{12})\.json$/;
/** Older pointer generations are pruned; a few are kept so a reader racing a publish still finds its file. */
export const KEEP_GENERATIONS = 16;
const READ_RETRIES = 5;

/** What moving the pointer by compare-and-swap needs: the generation read, whose successor a publish creates. */
export interface PointerSlot {
  generation: number;
}

/** The current generation and what it holds (a manifest, or malformed text a publish replaces). */
export type Pointer = PointerRead & PointerSlot;

export interface FsPointer {
  /** The current generation and what it holds; undefined before the first publish. */
  read(name: string): Promise<Pointer | undefined>;
  /** Creates generation `generation` pointing at `manifest`; false when another publisher created it first. */
  create(name: string, generation: number, manifest: ModelManifest): Promise<boolean>;
  /** Removes one generation file (a publish found to have lost after all). Never throws. */
  remove(name: string, generation: number): Promise<void>;
  /** Removes generations more than KEEP_GENERATIONS below `current`. Never throws. */
  prune(name: string, current: number): Promise<void>;
}

const generationFile = (generation: number) => `${String(generation).padStart(12, '0')}.json`;

export function createFsPointer(layout: FsLayout): FsPointer {
  return {
    async read(name) {
      for (let attempt = 0; ; attempt++) {
        const entries = await readdirOrEmpty(layout.pointerDir(name));
        let generation = 0;
        for (const entry of entries) {
          const match = GENERATION_PATTERN.exec(entry);
          if (match?.[1]) generation = Math.max(generation, Number(match[1]));
        }
        if (generation === 0) return undefined;
        const file = join(layout.pointerDir(name), generationFile(generation));
        try {
          return { generation, ...toPointerRead(await readFile(file, 'utf8'), file) };
        } catch (error) {
          // Pruned by a publisher between our readdir and read: the newer generation is there now.
          if (!isCode(error, 'ENOENT') || attempt >= READ_RETRIES) throw error;
        }
      }
    },

    async create(name, generation, manifest) {
      await mkdir(layout.pointerDir(name), { recursive: true });
      const target = join(layout.pointerDir(name), generationFile(generation));
      const temp = `${await layout.staging(name)}.json`;
      await writeFile(temp, JSON.stringify(manifest, null, 2));
      try {
        // link() fails with EEXIST if the name is taken, and the file appears with its full content.
        await link(temp, target);
        return true;
      } catch (error) {
        if (isCode(error, 'EEXIST')) return false;
        if (!isCode(error, 'EPERM') && !isCode(error, 'ENOTSUP') && !isCode(error, 'EXDEV')) throw error;
        return createExclusive(target, JSON.stringify(manifest, null, 2)); // file systems without hard links
      } finally {
        await unlink(temp).catch(() => undefined);
      }
    },

    async remove(name, generation) {
      await unlink(join(layout.pointerDir(name), generationFile(generation))).catch(() => undefined);
    },

    async prune(name, current) {
      const entries = await readdirOrEmpty(layout.pointerDir(name));
      await Promise.all(
        entries.map(async (entry) => {
          const match = GENERATION_PATTERN.exec(entry);
          if (match?.[1] && Number(match[1]) <= current - KEEP_GENERATIONS) {
            // Housekeeping only: a leftover generation file is harmless, so a failed unlink is not an error.
            await unlink(join(layout.pointerDir(name), entry)).catch(() => undefined);
          }
        }),
      );
    },
  };
}

async function createExclusive(path: string, content: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(content);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    throw error;
  }
}
