// The machine's PGlite template becomes the data of every new data folder and in-memory engine: it must be the user's
// own, in the user's cache folder, not a file anyone could plant in the shared temp folder.
import { chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensurePgliteTemplate, ensurePgliteTemplateFolder, pgliteTemplateFile } from './pglite-template.ts';

const root = process.getuid?.() === 0;
let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the machine PGlite template', () => {
  it("lives in the user's cache folder, not the shared temp folder", () => {
    const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
    expect(pgliteTemplateFile().startsWith(join(cache, 'suite-pglite-template'))).toBe(true);
    expect(pgliteTemplateFile().startsWith(join(tmpdir(), 'suite-pglite-template'))).toBe(false);
  });

  // Planting needs a file of another owner: only root can make one.
  it.runIf(root)('is refused when another user owns the tar or the folder', async () => {
    dir = await mkdtemp(join(tmpdir(), 'suite-template-owner-'));
    const file = pgliteTemplateFile(dir);
    await writeFile(file, 'planted');
    await chown(file, 65534, 65534);
    await expect(ensurePgliteTemplate(file)).rejects.toThrow(/belongs to user 65534/);
    const folder = file.replace(/\.tar$/, '.dir');
    await mkdir(folder);
    await writeFile(join(folder, 'PG_VERSION'), '17\n');
    await chown(folder, 65534, 65534);
    await expect(ensurePgliteTemplateFolder(file)).rejects.toThrow(/belongs to user 65534/);
  });
});
