// The test kit's use of the PGlite template (db/pglite-template.ts): every in-memory PGlite of a test process loads it.
import { readFile } from 'node:fs/promises';
import { setPgliteBoot } from '../db/pglite-boot.ts';

export { ensurePgliteTemplate, pgliteTemplateFile } from '../db/pglite-template.ts';

/**
 * Makes every in-memory PGlite this process creates from now on (createTestDb('pglite'), getDb() without
 * DATABASE_URL) load `file` instead of running initdb. The file is read once, on the first engine.
 */
export function usePgliteTemplate(file: string): void {
  let data: Promise<Blob> | undefined;
  setPgliteBoot(async () => {
    data ??= readFile(file).then((bytes) => new Blob([bytes]));
    return { loadDataDir: await data };
  });
}
