import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLocalSettings, findAppDirectory } from './app-directory.ts';

let dir: string;
afterEach(async () => {
  delete process.env.SUITE_HOST_TEST_A;
  delete process.env.SUITE_HOST_TEST_B;
  await rm(dir, { recursive: true, force: true });
});

describe('app directory', () => {
  it('finds the folder holding host.json above the entry', async () => {
    dir = await mkdtemp(join(tmpdir(), 'suite-host-'));
    await mkdir(join(dir, 'src', 'functions'), { recursive: true });
    await writeFile(join(dir, 'host.json'), '{}');
    expect(findAppDirectory(join(dir, 'src', 'index.ts'))).toBe(dir);
  });

  it('copies local.settings.json Values into the environment without overriding real variables', async () => {
    dir = await mkdtemp(join(tmpdir(), 'suite-host-'));
    await writeFile(
      join(dir, 'local.settings.json'),
      JSON.stringify({ Values: { SUITE_HOST_TEST_A: 'from-file', SUITE_HOST_TEST_B: 'from-file' } }),
    );
    process.env.SUITE_HOST_TEST_B = 'from-env';
    applyLocalSettings(dir);
    expect(process.env.SUITE_HOST_TEST_A).toBe('from-file');
    expect(process.env.SUITE_HOST_TEST_B).toBe('from-env');
  });
});
