import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyDevDefaults } from './dev-defaults.ts';
import { parseHostArgs } from './cli.ts';

const appDir = mkdtempSync(join(tmpdir(), 'dev-defaults-'));
afterAll(() => rmSync(appDir, { recursive: true, force: true }));

describe('suite-host --dev', () => {
  it('keeps data under .data, seeds demo data, and makes one admin key that the next start reuses', () => {
    const env: Record<string, string | undefined> = {};
    const first = applyDevDefaults(appDir, env);
    expect(env.PGLITE_DATA_DIR).toBe(join(appDir, '.data', 'pglite'));
    expect(env.SEED_DEMO).toBe('1');
    // As `func start` runs locally: idle queues are then polled at least every 2 s.
    expect(env.AZURE_FUNCTIONS_ENVIRONMENT).toBe('Development');
    expect(first.adminKey.source).toBe('.data/dev-admin-key');
    expect(env.ADMIN_KEY).toMatch(/^dev-[\w-]{24}$/);
    expect(readFileSync(join(appDir, '.data', 'dev-admin-key'), 'utf8').trim()).toBe(env.ADMIN_KEY);
    const again: Record<string, string | undefined> = {};
    expect(applyDevDefaults(appDir, again).adminKey.value).toBe(env.ADMIN_KEY);
  });

  it('leaves variables already set alone', () => {
    const env: Record<string, string | undefined> = {
      DATABASE_URL: 'postgres://x@127.0.0.1/db',
      ADMIN_KEY: 'mine',
      SEED_DEMO: '0',
      AZURE_FUNCTIONS_ENVIRONMENT: 'Production',
    };
    const dev = applyDevDefaults(appDir, env);
    expect(env).toEqual({
      DATABASE_URL: 'postgres://x@127.0.0.1/db',
      ADMIN_KEY: 'mine',
      SEED_DEMO: '0',
      AZURE_FUNCTIONS_ENVIRONMENT: 'Production',
    });
    expect(dev).toEqual({
      adminKey: { value: 'mine', source: 'ADMIN_KEY' },
      pgliteDataDir: undefined,
      seedDemo: false,
    });
  });

  it("counts an empty variable as unset, as the apps' configuration does (the sample local.settings.json)", () => {
    const env: Record<string, string | undefined> = {
      DATABASE_URL: '',
      PGLITE_DATA_DIR: ' ',
      SEED_DEMO: '',
      ADMIN_KEY: 'change-me-locally',
    };
    const dev = applyDevDefaults(appDir, env);
    expect(env.PGLITE_DATA_DIR).toBe(join(appDir, '.data', 'pglite'));
    expect(env.SEED_DEMO).toBe('1');
    expect(dev.pgliteDataDir).toBe(join(appDir, '.data', 'pglite'));
    expect(dev.seedDemo).toBe(true);
    const sample = applyDevDefaults(appDir, {
      DATABASE_URL: '',
      PGLITE_DATA_DIR: './.data/pglite',
      SEED_DEMO: '0',
    });
    expect(sample.pgliteDataDir).toBe('./.data/pglite');
    expect(sample.seedDemo).toBe(false);
  });

  it('is a command-line flag', () => {
    expect(parseHostArgs(['--dev', 'src/index.ts'], {})).toMatchObject({ dev: true, entry: 'src/index.ts' });
  });
});
