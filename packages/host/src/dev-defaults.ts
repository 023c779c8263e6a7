// `suite-host --dev`: what a first `npm run dev` needs without copying files. Data persists under the app's
// `.data/` folder, an empty database is seeded with the project's own demo data, and admin calls use a dev key
// kept in `.data/dev-admin-key` (printed at start). Only the dev host sets these; no package ships a key.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the dev defaults did, for the start banner. */
export interface DevDefaults {
  /** The admin key in use and where it came from. */
  adminKey: { value: string; source: 'ADMIN_KEY' | '.data/dev-admin-key' };
  /** The PGlite folder, when the embedded database is used. */
  pgliteDataDir: string | undefined;
  seedDemo: boolean;
}

/**
 * Fills in unset variables of `env` for development (variables already set, from the shell or
 * local.settings.json, win): PGLITE_DATA_DIR (unless DATABASE_URL), SEED_DEMO=1, and ADMIN_KEY. An empty
 * value counts as unset, as in the apps' configuration (`loadConfig`): the sample local.settings.json has
 * `"DATABASE_URL": ""`, which means the embedded database.
 */
export function applyDevDefaults(
  appDir: string,
  env: Record<string, string | undefined> = process.env,
): DevDefaults {
  const dataDir = join(appDir, '.data');
  const unset = (name: string): boolean => !env[name]?.trim();
  if (unset('DATABASE_URL') && unset('PGLITE_DATA_DIR')) env.PGLITE_DATA_DIR = join(dataDir, 'pglite');
  if (unset('SEED_DEMO')) env.SEED_DEMO = '1';
  // What `func start` sets from local.settings.json: among others, idle queues are polled at least every 2 s.
  env.AZURE_FUNCTIONS_ENVIRONMENT ??= 'Development';
  let source: DevDefaults['adminKey']['source'] = 'ADMIN_KEY';
  if (!env.ADMIN_KEY?.trim()) {
    const file = join(dataDir, 'dev-admin-key');
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, `dev-${randomBytes(18).toString('base64url')}\n`, { mode: 0o600 });
    }
    env.ADMIN_KEY = readFileSync(file, 'utf8').trim();
    source = '.data/dev-admin-key';
  }
  return {
    adminKey: { value: env.ADMIN_KEY, source },
    pgliteDataDir: unset('DATABASE_URL') ? env.PGLITE_DATA_DIR : undefined,
    seedDemo: env.SEED_DEMO === '1',
  };
}
