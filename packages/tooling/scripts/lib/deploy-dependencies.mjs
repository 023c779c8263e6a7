// The packages a deploy package's bundle left external: copied from the repo's node_modules (the versions the tests
// ran against) or installed from the registry, then trimmed to what runs on linux-x64.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { findPackageDir, readJson } from './packages.mjs';
import { pruneInstalledPackage, SKIPPED_DEPENDENCIES } from './prune.mjs';

/**
 * Copies each external package and its production dependency closure, keeping each package at the same
 * node_modules path it has in the repo so Node resolves the same copies (e.g. a nested onnxruntime-common).
 */
export function copyFromNodeModules(appDir, deployDir, externals) {
  const repoRoot = findRepoRoot(appDir);
  const queue = Object.values(externals).map((info) => resolve(appDir, info.from));
  const seen = new Set();
  while (queue.length > 0) {
    const pkgDir = queue.shift();
    if (seen.has(pkgDir)) continue;
    seen.add(pkgDir);
    const rel = relative(repoRoot, pkgDir);
    if (!rel.split(sep).includes('node_modules'))
      throw new Error(`package: ${rel} is not an installed package`);
    const target = join(deployDir, rel.slice(rel.indexOf('node_modules')));
    // Nested node_modules are walked as dependencies of their own, so only what is needed is copied.
    cpSync(pkgDir, target, {
      recursive: true,
      dereference: true,
      filter: (src) => !relative(pkgDir, src).split(sep).includes('node_modules'),
    });
    const pkg = readJson(join(pkgDir, 'package.json'));
    const skipped = SKIPPED_DEPENDENCIES[pkg.name] ?? [];
    const required = Object.keys(pkg.dependencies ?? {});
    // Optional dependencies and peers are taken when installed (sharp's @img/* binaries), skipped otherwise.
    const optional = [
      ...Object.keys(pkg.optionalDependencies ?? {}),
      ...Object.keys(pkg.peerDependencies ?? {}),
    ];
    for (const dep of new Set([...required, ...optional])) {
      if (skipped.includes(dep)) continue;
      const depDir = findPackageDir(dep, pkgDir);
      if (depDir) queue.push(depDir);
      else if (required.includes(dep))
        throw new Error(`package: ${pkg.name} needs ${dep}, which is not installed`);
    }
  }
}

export function installFromRegistry(deployDir) {
  // --ignore-scripts: onnxruntime-node's install script only downloads a CUDA add-on and fails offline.
  execFileSync(
    'npm',
    [
      'install',
      '--omit=dev',
      '--ignore-scripts',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--prefer-offline', // the versions the repo installed are in the npm cache already
      '--workspaces=false', // apps/<app>/deploy sits inside the workspace tree; install into this folder only
    ],
    { cwd: deployDir, stdio: 'inherit' },
  );
}

/** Applies the trimming rules to every installed package (foreign-platform binaries, typings, maps). */
export function pruneTree(nodeModules) {
  if (!existsSync(nodeModules)) return;
  for (const entry of readdirSync(nodeModules)) {
    const dir = join(nodeModules, entry);
    if (entry.startsWith('@')) {
      for (const scoped of readdirSync(dir)) pruneOne(join(dir, scoped));
    } else if (!entry.startsWith('.')) pruneOne(dir);
  }
}

function pruneOne(pkgDir) {
  if (!existsSync(join(pkgDir, 'package.json'))) return;
  pruneInstalledPackage(pkgDir);
  pruneTree(join(pkgDir, 'node_modules'));
}

function findRepoRoot(fromDir) {
  let dir = fromDir;
  while (!existsSync(join(dir, 'package-lock.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return fromDir;
    dir = parent;
  }
  return dir;
}
