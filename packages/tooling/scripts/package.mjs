#!/usr/bin/env node
// Turns an app's bundle (dist/) into a self-contained deploy/ folder and deploy.zip that a Function App runs as is.
//
// Usage (from apps/<app>, the app's `package` script): suite-package [--target azure|aws|gcp|aliyun] [--install] [--no-zip]
// --target aws|gcp|aliyun writes deploy-<target>/ and deploy-<target>.zip: the same package plus the platform's entry
// (lambda.mjs / gcp.mjs / fc.mjs, @suite/adapters bundled) and its deployment description (lib/targets.mjs).
// It re-bundles first when dist/ is missing or older than the app's or its workspace packages' sources, so
// `npm run package` works alone and `turbo run package` (which builds first) does not bundle twice.
// The deploy package holds dist/, host.json, the app's migrations/ (and any "suiteDeploy.include" paths), and a
// package.json whose `main` is the bundle and whose dependencies are only the packages the bundle left external.
// Outside Azure nothing loads `main` for you (`node dist/index.js` registers the functions and exits), so the
// package also carries the app's dev host bundled into one file, suite-host.mjs, and `npm start` runs it.
// Those are copied from the installed node_modules (the exact versions the tests ran against; works offline) and
// trimmed to linux-x64, or with --install fetched by `npm install --omit=dev` inside the deploy folder.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleApp } from './bundle.mjs';
import { copyFromNodeModules, installFromRegistry, pruneTree } from './lib/deploy-dependencies.mjs';
import { bundleHost, PACKAGED_HOST } from './lib/packaged-host.mjs';
import { findPackageDir, readJson, isMainModule } from './lib/packages.mjs';
import { addTarget, TARGETS } from './lib/targets.mjs';

export { PACKAGED_HOST };

/** Always part of the package when present in the app folder. */
const DEFAULT_INCLUDE = ['host.json', 'migrations'];
/** Fixed mtime so the same inputs give a byte-identical zip (1980-01-02, the zip format's epoch). */
const FIXED_TIME = new Date('1980-01-02T00:00:00Z');
/** The command `npm start` runs in the package. */
const START_SCRIPT = `node ${PACKAGED_HOST} dist/index.js`;

function parseArgs(argv) {
  const options = { install: false, zip: true, quiet: false, build: true, target: 'azure' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--target' || arg.startsWith('--target=')) {
      options.target = arg.includes('=') ? arg.slice('--target='.length) : argv[++i];
      if (!TARGETS.includes(options.target))
        throw new Error(`package: --target must be one of ${TARGETS.join(', ')}, got ${options.target}`);
    } else if (arg === '--install') options.install = true;
    else if (arg === '--no-build') options.build = false;
    else if (arg === '--no-zip') options.zip = false;
    else if (arg === '--quiet') options.quiet = true;
    else throw new Error(`package: unknown argument ${arg}`);
  }
  return options;
}

/**
 * Builds apps/<app>/deploy and deploy.zip (or `deployDir` / `zipFile` from a `distDir` elsewhere, as the
 * package test does in a temp folder); returns the sizes.
 */
export function packageApp(appDir, options = {}) {
  const opts = { install: false, zip: true, target: 'azure', ...options };
  // azure keeps its historical names (deploy/, deploy.zip); the other clouds get deploy-<target>/ beside it.
  const suffix = opts.target === 'azure' ? '' : `-${opts.target}`;
  const distDir = opts.distDir ?? join(appDir, 'dist');
  const manifestFile = join(distDir, 'bundle-manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`package: ${manifestFile} missing; run the build first`);
  const manifest = readJson(manifestFile);
  const appPkg = readJson(join(appDir, 'package.json'));
  const deployDir = opts.deployDir ?? join(appDir, `deploy${suffix}`);
  const zipFile = opts.zipFile ?? join(appDir, `deploy${suffix}.zip`);
  rmSync(deployDir, { recursive: true, force: true });
  rmSync(zipFile, { force: true });
  mkdirSync(deployDir, { recursive: true });

  cpSync(distDir, join(deployDir, 'dist'), { recursive: true });
  for (const entry of [...DEFAULT_INCLUDE, ...(appPkg.suiteDeploy?.include ?? [])]) {
    const source = join(appDir, entry);
    if (existsSync(source)) cpSync(source, join(deployDir, entry), { recursive: true });
  }
  if (!existsSync(join(deployDir, 'host.json'))) throw new Error('package: the app has no host.json');
  bundleHost(appDir, join(deployDir, PACKAGED_HOST));

  const dependencies = Object.fromEntries(
    Object.entries(manifest.externals).map(([name, info]) => [name, info.version]),
  );
  const packageJson = {
    name: appPkg.name.replace(/^@[^/]+\//, ''),
    version: appPkg.version,
    private: true,
    description: `${appPkg.name} deploy package (generated by @suite/tooling's suite-package)`,
    type: 'module',
    main: manifest.entry,
    scripts: { start: START_SCRIPT },
    engines: { node: '>=20' },
    dependencies,
  };
  const writePackageJson = () =>
    writeFileSync(join(deployDir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  writePackageJson();

  // azd packages `dist: deploy` honouring a .funcignore found there: ship everything (node_modules included, since
  // remote build is off), unlike the app folder's own .funcignore, which is written for publishing from source.
  writeFileSync(
    join(deployDir, '.funcignore'),
    '# Generated: this folder is already the exact package; nothing in it is to be left out.\nlocal.settings.json\n',
  );

  if (Object.keys(dependencies).length > 0) {
    if (opts.install) installFromRegistry(deployDir);
    else copyFromNodeModules(appDir, deployDir, manifest.externals);
  }
  let target;
  if (opts.target !== 'azure') {
    target = addTarget(opts.target, { appDir, deployDir, appName: packageJson.name, packageJson });
    writePackageJson();
    if (Object.keys(target.externals).length > 0) {
      if (opts.install) installFromRegistry(deployDir);
      else copyFromNodeModules(appDir, deployDir, target.externals);
    }
  }
  pruneTree(join(deployDir, 'node_modules'));

  const unzippedBytes = folderBytes(deployDir);
  let zippedBytes;
  if (opts.zip) {
    setFixedTimes(deployDir);
    // -X: no extra file attributes; -D: no directory entries; sorted names keep the zip byte-identical run to
    // run. Level 6: -9 saves under 1% on the chatbot's native library for twice the time.
    const files = listFiles(deployDir)
      .map((f) => relative(deployDir, f))
      .sort();
    execFileSync('zip', ['-q', '-X', '-D', '-6', zipFile, '-@'], { cwd: deployDir, input: files.join('\n') });
    zippedBytes = statSync(zipFile).size;
  }
  return {
    app: appPkg.name,
    target: opts.target,
    ...(target ? { entry: target.entryFile, timers: target.timers } : {}),
    deployDir: relative(process.cwd(), deployDir) || '.',
    zip: opts.zip ? relative(process.cwd(), zipFile) : undefined,
    dependencies: packageJson.dependencies,
    files: listFiles(deployDir).length,
    unzippedBytes,
    zippedBytes,
    unzippedMB: +(unzippedBytes / 1e6).toFixed(2),
    zippedMB: zippedBytes === undefined ? undefined : +(zippedBytes / 1e6).toFixed(2),
  };
}

function listFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}

function folderBytes(dir) {
  return listFiles(dir).reduce((sum, file) => sum + statSync(file).size, 0);
}

function setFixedTimes(dir) {
  for (const file of listFiles(dir)) utimesSync(file, FIXED_TIME, FIXED_TIME);
}

/** Newest modification time (ms) of the files under `dir`, tests excluded; 0 when it does not exist. */
function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  if (!statSync(dir).isDirectory()) return statSync(dir).mtimeMs;
  return listFiles(dir)
    .filter((file) => !file.endsWith('.test.ts'))
    .reduce((newest, file) => Math.max(newest, statSync(file).mtimeMs), 0);
}

/** Bundles again when dist/ is missing or older than any source that goes into it. */
export async function ensureFreshBundle(appDir) {
  const manifest = join(appDir, 'dist', 'bundle-manifest.json');
  const builtAt = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  const appPkg = readJson(join(appDir, 'package.json'));
  // The app's workspace packages (@suite/shared) are inlined into the bundle, so their sources count too.
  const workspaceSources = Object.keys(appPkg.dependencies ?? {})
    .filter((name) => name.startsWith('@suite/'))
    .map((name) => findPackageDir(name, appDir))
    .filter((dir) => dir !== undefined)
    .map((dir) => join(dir, 'src'));
  const sources = [
    join(appDir, 'src'),
    join(appDir, 'package.json'),
    ...workspaceSources,
    dirname(fileURLToPath(import.meta.url)),
  ];
  if (sources.some((source) => newestMtime(source) > builtAt)) await bundleApp(appDir, { quiet: true });
}

/**
 * Builds the app's web console again (`npm run build:web`, into dist-web/, which "suiteDeploy.include" ships) when
 * the app has one and dist-web/ is missing or older than web/ or the shared console kit (@suite/console).
 */
export function ensureFreshWeb(appDir) {
  const appPkg = readJson(join(appDir, 'package.json'));
  if (!appPkg.scripts?.['build:web']) return false;
  const index = join(appDir, 'dist-web', 'index.html');
  const builtAt = existsSync(index) ? statSync(index).mtimeMs : 0;
  const kit = findPackageDir('@suite/console', appDir);
  const sources = [join(appDir, 'web'), ...(kit ? [join(kit, 'src', 'web')] : [])];
  if (!sources.some((source) => newestMtime(source) > builtAt)) return false;
  execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: appDir, stdio: 'inherit' });
  return true;
}

if (isMainModule(import.meta.url)) {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.build) {
    ensureFreshWeb(process.cwd());
    await ensureFreshBundle(process.cwd());
  }
  const report = packageApp(process.cwd(), opts);
  console.log(JSON.stringify({ package: report.app, ...report }));
}
