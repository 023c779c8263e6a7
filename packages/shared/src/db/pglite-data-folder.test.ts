// PGlite on a data folder: kept across restarts, and a new folder filled from the machine template.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from './create-db.ts';
import { fillNewDataFolder } from './pglite-db.ts';

describe('a PGlite data folder', () => {
  // Both engine starts (initdb in folders that do not exist yet, then a reopen) happen in the hooks, whose
  // timeout is meant for engine starts: on a loaded machine the two take longer than a test's own timeout.
  let dir: string;
  let keptRows: unknown[] = [];
  let filledNew = false;
  let filledAgain = true;
  let fresh = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'suite-pglite-'));
    // Folders that do not exist yet, as `./.data/pglite` on a first run.
    const data = path.join(dir, '.data', 'pglite');
    const first = createDb({ dataDir: data });
    await first.query("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('x')");
    await first.close();
    filledAgain = await fillNewDataFolder(data);
    fresh = path.join(dir, 'fresh');
    filledNew = await fillNewDataFolder(fresh);
    const second = createDb({ dataDir: data });
    keptRows = (await second.query('SELECT v FROM kept')).rows;
    await second.close();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps PGlite data across restarts, creating its parent folders', () => {
    expect(keptRows).toEqual([{ v: 'x' }]);
  });

  it('fills a new data folder from the machine template instead of running initdb, and leaves a cluster alone', () => {
    expect(filledNew).toBe(true);
    expect(existsSync(path.join(fresh, 'PG_VERSION'))).toBe(true);
    expect(filledAgain).toBe(false);
  });
});
