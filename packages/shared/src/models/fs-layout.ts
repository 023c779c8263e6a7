// Where the filesystem ModelStore keeps things under its root, and the small fs helpers its parts share.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Paths of one store root: `<name>/{versions/<version>,pointer,pins,.staging}`. */
export interface FsLayout {
  base: string;
  dirOf(name: string): string;
  versionsDir(name: string): string;
  versionDir(name: string, version: string): string;
  pointerDir(name: string): string;
  pinDir(name: string): string;
  /** A fresh path in the name's `.staging/` folder (created), for a write that is renamed or linked into place. */
  staging(name: string): Promise<string>;
}

export function createFsLayout(base: string): FsLayout {
  const dirOf = (name: string) => join(base, name);
  return {
    base,
    dirOf,
    versionsDir: (name) => join(dirOf(name), 'versions'),
    versionDir: (name, version) => join(dirOf(name), 'versions', version),
    pointerDir: (name) => join(dirOf(name), 'pointer'),
    pinDir: (name) => join(dirOf(name), 'pins'),
    async staging(name) {
      const dir = join(dirOf(name), '.staging');
      await mkdir(dir, { recursive: true });
      return join(dir, `${Date.now()}-${randomBytes(6).toString('hex')}`);
    },
  };
}

/** The entries of `dir`, or none when it does not exist. */
export async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return [];
    throw error;
  }
}

/** Whether a thrown value is a Node system error with this `code` (ENOENT, EEXIST...). */
export function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
