import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyLocalSettings, findAppDirectory } from './app-directory.ts';

let dir: string;
afterEach(async () => {
  vi.unstubAllEnvs();
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
    vi.stubEnv('SUITE_LOCAL_SETTINGS', undefined);
    applyLocalSettings(dir);
    expect(process.env.SUITE_HOST_TEST_A).toBe('from-file');
    expect(process.env.SUITE_HOST_TEST_B).toBe('from-env');
  });

  it("reads no local.settings.json in a test run, so a test never meets a developer's dev database or Azurite", async () => {
    // The README has every developer copy local.settings.example.json (PGLITE_DATA_DIR ./.data/pglite,
    // AzureWebJobsStorage UseDevelopmentStorage=true): the browser tests' apps then opened the running dev host's
    // PGlite folder (a list of "Item 31" where the test imported "Film 1".."Film 12") and polled Azurite on 10001.
    expect(process.env.SUITE_LOCAL_SETTINGS).toBe('off'); // set for every package by vitest.shared.ts
    dir = await mkdtemp(join(tmpdir(), 'suite-host-'));
    await writeFile(join(dir, 'local.settings.json'), JSON.stringify({ Values: { SUITE_HOST_TEST_A: 'x' } }));
    applyLocalSettings(dir);
    expect(process.env.SUITE_HOST_TEST_A).toBeUndefined();
  });
});
