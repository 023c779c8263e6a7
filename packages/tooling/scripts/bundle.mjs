#!/usr/bin/env node
// Bundles one Function App (the current directory) into dist/: ESM, code-split, @suite/shared inlined, natives external.
//
// Why ESM: the apps are "type": "module", top-level await and dynamic import() keep heavy modules lazy only in
// ESM (esbuild splits dynamic imports into their own chunks), and the Functions Node worker loads an ESM `main`.
// CJS dependencies (@azure/functions, pg) are inlined too; the banner gives them a real `require` so their
// `require('node:…')` calls and `require('@azure/functions-core')` (supplied by the host at run time) work.
//
// Usage (from apps/<app>): suite-bundle [--no-minify] [--entry src/index.ts]
// Writes dist/index.js (+ chunks, source maps, copied assets) and dist/bundle-manifest.json, which lists the
// packages left external and their versions; package.mjs turns that list into the deploy package's dependencies.
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { bundleWorkers, collectExternals, copyPackageAssets } from './lib/bundle-outputs.mjs';
import { suitePlugins } from './lib/esbuild-plugins.mjs';
import { readJson, isMainModule } from './lib/packages.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Packages that cannot be bundled: native add-ons, or modules the host injects at run time. */
export const ALWAYS_EXTERNAL = [
  '@azure/functions-core', // provided by the Functions worker (and by the dev host)
  'onnxruntime-node', // native .node + .so
  'onnxruntime-common', // must be the very instance onnxruntime-node registers its backend on
  'sharp', // native (libvips)
];

/**
 * Packages replaced by a stub unless the app opts out (package.json "suiteDeploy": {"keep": ["sharp"]}).
 * transformers.js imports sharp eagerly for image inputs only; the suite feeds it text, and sharp with libvips
 * would add ~8 MB zipped to the chatbot package.
 */
export const DEFAULT_STUBS = { sharp: join(HERE, 'stubs', 'sharp.mjs') };

// `require` is declared as is: esbuild's own require shim looks it up, and it reserves the name in the bundle.
// __filename / __dirname get private names, substituted by `define` only where code uses them unbound, so an ES
// module that declares its own `const __filename` (a common idiom) cannot clash with the banner.
export const BANNER = [
  "import { createRequire as __suiteCreateRequire } from 'node:module';",
  "import { fileURLToPath as __suiteFileURLToPath } from 'node:url';",
  "import { dirname as __suiteDirname } from 'node:path';",
  'const require = __suiteCreateRequire(import.meta.url);',
  'const __suite_filename = __suiteFileURLToPath(import.meta.url);',
  'const __suite_dirname = __suiteDirname(__suite_filename);',
].join('\n');
export const DEFINE = { __filename: '__suite_filename', __dirname: '__suite_dirname' };

function parseArgs(argv) {
  const options = { entry: 'src/index.ts', outdir: 'dist', minify: true, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--no-minify') options.minify = false;
    else if (arg === '--quiet') options.quiet = true;
    else if (arg === '--entry') options.entry = argv[++i];
    else if (arg === '--outdir') options.outdir = argv[++i];
    else throw new Error(`bundle: unknown argument ${arg}`);
  }
  return options;
}

/** Bundles the app in `appDir`; returns the manifest written to dist/bundle-manifest.json. */
export async function bundleApp(appDir, options = {}) {
  const opts = { entry: 'src/index.ts', outdir: 'dist', minify: true, ...options };
  const appPkg = readJson(join(appDir, 'package.json'));
  const deployConfig = appPkg.suiteDeploy ?? {};
  const keep = new Set(deployConfig.keep ?? []);
  const stubs = Object.fromEntries(Object.entries(DEFAULT_STUBS).filter(([name]) => !keep.has(name)));
  const external = [...new Set([...ALWAYS_EXTERNAL, ...(deployConfig.external ?? [])])].filter(
    (name) => !(name in stubs),
  );
  const outdir = resolve(appDir, opts.outdir);
  rmSync(outdir, { recursive: true, force: true });

  const started = performance.now();
  const result = await esbuild.build({
    absWorkingDir: appDir,
    entryPoints: { index: opts.entry },
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    sourcesContent: false,
    minify: opts.minify,
    legalComments: 'linked',
    metafile: true,
    logLevel: opts.quiet ? 'error' : 'warning',
    banner: { js: BANNER },
    define: DEFINE,
    external,
    alias: stubs,
    plugins: suitePlugins(),
  });
  const common = { banner: BANNER, define: DEFINE, external, stubs, minify: opts.minify, quiet: opts.quiet };
  const workers = await bundleWorkers(result.metafile, appDir, common);

  const externals = collectExternals(result.metafile, appDir, new Set(external));
  const assets = copyPackageAssets(result.metafile, appDir, outdir);
  const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
  const manifest = {
    app: appPkg.name,
    version: appPkg.version,
    entry: 'dist/index.js',
    format: 'esm',
    externals,
    stubs: Object.keys(stubs),
    assets,
    workers,
    chunks: outputs.length,
    jsBytes: outputs.reduce((sum, [, out]) => sum + out.bytes, 0),
    buildMs: Math.round(performance.now() - started),
  };
  writeFileSync(join(outdir, 'bundle-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (isMainModule(import.meta.url)) {
  const opts = parseArgs(process.argv.slice(2));
  const manifest = await bundleApp(process.cwd(), opts);
  if (!opts.quiet)
    console.log(JSON.stringify({ bundle: manifest.app, ...manifest, assets: manifest.assets.length }));
}
