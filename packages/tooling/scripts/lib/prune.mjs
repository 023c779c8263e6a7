// Trimming rules for packages copied into a deploy folder: the target is Linux x64 (Flex Consumption), Node 20.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readJson } from './packages.mjs';

/** The only platform the Flex Consumption plan runs. */
export const TARGET = { platform: 'linux', arch: 'x64' };

/** Dependencies a package declares but needs only at install time (its install script is never run here). */
export const SKIPPED_DEPENDENCIES = {
  'onnxruntime-node': ['adm-zip', 'global-agent'],
};

/** Per-package folders that are never loaded at run time. */
const PACKAGE_RULES = {
  'onnxruntime-node': (dir) => {
    // bin/napi-v6/<platform>/<arch>/ holds ~290 MB for five targets; keep linux/x64 (45 MB).
    const bin = join(dir, 'bin');
    if (existsSync(bin)) {
      for (const napi of readdirSync(bin)) {
        for (const platform of readdirSync(join(bin, napi))) {
          const platformDir = join(bin, napi, platform);
          if (platform !== TARGET.platform) {
            rmSync(platformDir, { recursive: true, force: true });
            continue;
          }
          for (const arch of readdirSync(platformDir)) {
            if (arch !== TARGET.arch) rmSync(join(platformDir, arch), { recursive: true, force: true });
          }
        }
      }
    }
    for (const unused of ['lib', 'script']) rmSync(join(dir, unused), { recursive: true, force: true });
  },
};

/** Files no package loads at run time. */
const UNUSED_FILE = /(\.d\.[cm]?ts|\.map|\.md|\.markdown|\.tsbuildinfo)$/i;

function removeUnusedFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') removeUnusedFiles(full);
    } else if (UNUSED_FILE.test(entry.name) && !/^license/i.test(entry.name)) {
      rmSync(full, { force: true });
    }
  }
}

/** Trims one installed package in place. */
export function pruneInstalledPackage(pkgDir) {
  const { name } = readJson(join(pkgDir, 'package.json'));
  PACKAGE_RULES[name]?.(pkgDir);
  removeUnusedFiles(pkgDir);
}
