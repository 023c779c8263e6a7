// How the embedded engine starts: its PostgreSQL settings, and what a killed process leaves in its data folder.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usePgliteTemplate } from '../testing/pglite-template.ts';
import { createDb } from './create-db.ts';
import { pgliteBootOptions, setPgliteBoot } from './pglite-boot.ts';
import { ensurePgliteTemplate } from './pglite-template.ts';

const CHILD = fileURLToPath(new URL('./test-fixtures/commit-then-hang-child.ts', import.meta.url));

/** Runs the child on `dataDir`, kills it (SIGKILL) once it reports its commit, and returns what it reported. */
function commitThenKill(dataDir: string, label: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, label], { stdio: 'pipe' });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      signal === 'SIGKILL' && out.startsWith('committed')
        ? resolve(out.trim())
        : reject(
            new Error(`child ${label} ended (${String(code)}, ${String(signal)}) before committing: ${err}`),
          ),
    );
  });
}

describe('the embedded engine', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'suite-pglite-start-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('starts with 16 MB of shared buffers, in memory and on a data folder', async () => {
    for (const db of [createDb(), createDb({ dataDir: path.join(dir, 'settings') })]) {
      try {
        const { rows } = await db.query<{ shared_buffers: string }>('SHOW shared_buffers');
        expect(rows).toEqual([{ shared_buffers: '16MB' }]);
      } finally {
        await db.close();
      }
    }
  });

  it('starts an in-memory engine from the machine template, not initdb, when the test kit registers none', async () => {
    const file = await ensurePgliteTemplate();
    setPgliteBoot(undefined);
    try {
      const options = await pgliteBootOptions();
      expect(options.loadDataDir?.size).toBe(statSync(file).size);
    } finally {
      usePgliteTemplate(file);
    }
  });

  it('keeps every committed row of processes killed right after their commit', async () => {
    const data = path.join(dir, 'killed');
    // Two processes in turn: the second starts on the folder the first was killed on (crash recovery), commits, and
    // is killed as well.
    expect(await commitThenKill(data, 'first')).toBe('committed 1');
    expect(await commitThenKill(data, 'second')).toBe('committed 2');
    const db = createDb({ dataDir: data });
    try {
      const { rows } = await db.query<{ label: string }>('SELECT label FROM accepted ORDER BY label');
      expect(rows).toEqual([{ label: 'first' }, { label: 'second' }]);
    } finally {
      await db.close();
    }
  });
});
