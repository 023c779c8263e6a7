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
import { builtinModules } from 'node:module';
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { findPackageDir, packageNameOf, readJson, isMainModule } from './lib/packages.mjs';

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

/** Modules replaced in every bundle: TypeScript loaders have nothing to do once the code is JavaScript. */
const LOADER_STUBS = { 'tsx/esm/api': join(HERE, 'stubs', 'tsx-register.mjs') };

/** Assets that a bundled package loads beside its own file via new URL('./x', import.meta.url). */
const PACKAGE_ASSETS = {
  '@electric-sql/pglite': ['dist/pglite.wasm', 'dist/pglite.data', 'dist/initdb.wasm'],
};

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

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Resolves the loader stubs (esbuild's alias option matches whole package names only, not subpaths). */
function loaderStubs() {
  return {
    name: 'loader-stubs',
    setup(build) {
      build.onResolve({ filter: /^tsx\// }, (args) =>
        LOADER_STUBS[args.path] ? { path: LOADER_STUBS[args.path] } : undefined,
      );
    },
  };
}

const ZOD_NAMED_IMPORT = /^import\s*\{\s*z\s*\}\s*from\s*(['"])zod\1/m;

/**
 * Rewrites `import { z } from 'zod'` in the app's and the shared package's sources to `import * as z from
 * '<zod>/v4/classic/external.js'`: the very namespace zod's index re-exports, but esbuild tree-shakes member accesses
 * only on a direct `* as` import. Through the re-exported binding it keeps all of zod (every locale, JSON Schema
 * conversion: ~450 KB minified) and evaluates it at start; directly it keeps what the schemas use (~90 KB), which
 * measured ~40 ms less CPU to the first request. Leaves the import alone when zod's layout is not the one expected.
 */
function zodNamespaceImports() {
  return {
    name: 'zod-namespace-imports',
    setup(build) {
      const externalOf = new Map();
      build.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
        if (args.path.includes('node_modules')) return undefined;
        const text = await readFile(args.path, 'utf8');
        const match = ZOD_NAMED_IMPORT.exec(text);
        if (!match) return undefined;
        const resolveDir = dirname(args.path);
        const resolved = await build.resolve('zod', { kind: 'import-statement', resolveDir });
        if (resolved.errors.length > 0 || !resolved.path) return undefined;
        let external = externalOf.get(resolved.path);
        if (external === undefined) {
          const candidate = join(dirname(resolved.path), 'v4', 'classic', 'external.js');
          const index = readFileSync(resolved.path, 'utf8');
          external =
            existsSync(candidate) && index.includes('import * as z from "./v4/classic/external.js"')
              ? candidate
              : null;
          externalOf.set(resolved.path, external);
        }
        if (!external) return undefined;
        const contents = text.replace(ZOD_NAMED_IMPORT, `import * as z from ${JSON.stringify(external)}`);
        return { contents, loader: 'ts', resolveDir };
      });
    },
  };
}

/**
 * Leaves unresolvable bare imports made from inside node_modules external (optional peers such as pg-native),
 * so they fail at run time exactly where they would fail unbundled, instead of failing the build.
 */
function optionalPeersExternal() {
  return {
    name: 'optional-peers-external',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData?.retry || BUILTINS.has(args.path)) return undefined;
        if (!args.importer.includes('node_modules')) return undefined;
        const result = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { retry: true },
        });
        if (result.errors.length > 0) return { path: args.path, external: true };
        return result;
      });
    },
  };
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
    plugins: [loaderStubs(), optionalPeersExternal(), zodNamespaceImports()],
  });
  const common = { banner: BANNER, external, stubs, minify: opts.minify, quiet: opts.quiet };
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

/**
 * External imports that are real packages, each with the version installed beside its importer. Also the
 * external packages a bundled package loads through a runtime require esbuild cannot see (transformers.js
 * loads onnxruntime-node with createRequire): any dependency of a bundled package that is on the external list.
 */
function collectExternals(metafile, appDir, externalNames) {
  const found = {};
  const bundledPackages = new Map();
  for (const inputPath of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/)((?:@[^/]+\/)?[^/]+)\//.exec(inputPath);
    if (match) bundledPackages.set(match[2], resolve(appDir, match[1] + match[2]));
  }
  for (const [, pkgDir] of bundledPackages) {
    const pkg = readJson(join(pkgDir, 'package.json'));
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      if (!externalNames.has(dep) || found[dep]) continue;
      const depDir = findPackageDir(dep, pkgDir);
      if (depDir)
        found[dep] = {
          version: readJson(join(depDir, 'package.json')).version,
          from: relative(appDir, depDir),
        };
    }
  }
  for (const [inputPath, input] of Object.entries(metafile.inputs)) {
    for (const imp of input.imports) {
      if (!imp.external || BUILTINS.has(imp.path) || imp.path.startsWith('node:')) continue;
      const name = packageNameOf(imp.path);
      if (name === '@azure/functions-core' || found[name]) continue;
      const pkgDir = findPackageDir(name, dirname(resolve(appDir, inputPath)));
      // Unresolvable optional peers (pg-native) stay out of the package: they are optional at run time too.
      if (!pkgDir) continue;
      found[name] = {
        version: readJson(join(pkgDir, 'package.json')).version,
        from: relative(appDir, pkgDir),
      };
    }
  }
  return Object.fromEntries(Object.entries(found).sort(([a], [b]) => a.localeCompare(b)));
}

const WORKER_URL = /new URL\(\s*["']\.\/([\w.-]+\.(?:mjs|js))["']\s*,\s*import\.meta\.url\s*\)/g;

/**
 * Worker threads started as `new Worker(new URL('./x-entry.mjs', import.meta.url))` from the app's own code: esbuild
 * leaves that file alone, so each one found beside an app source file is bundled on its own (tsx registration
 * stubbed out, its TypeScript import inlined) and written beside every output chunk that refers to it.
 */
async function bundleWorkers(metafile, appDir, common) {
  const appSources = Object.keys(metafile.inputs).filter((p) => !p.includes('node_modules/'));
  const written = [];
  for (const file of Object.keys(metafile.outputs).filter((f) => f.endsWith('.js'))) {
    const output = resolve(appDir, file);
    const text = readFileSync(output, 'utf8');
    for (const match of text.matchAll(WORKER_URL)) {
      const name = match[1];
      const source = appSources
        .map((p) => join(dirname(resolve(appDir, p)), name))
        .find((candidate) => existsSync(candidate));
      if (!source) continue;
      await esbuild.build({
        absWorkingDir: appDir,
        entryPoints: [source],
        outfile: join(dirname(output), name),
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'esm',
        sourcemap: 'linked',
        sourcesContent: false,
        minify: common.minify,
        legalComments: 'none',
        logLevel: common.quiet ? 'error' : 'warning',
        banner: { js: common.banner },
        define: DEFINE,
        external: common.external,
        alias: common.stubs,
        plugins: [loaderStubs(), optionalPeersExternal(), zodNamespaceImports()],
      });
      written.push(relative(appDir, join(dirname(output), name)));
    }
  }
  return [...new Set(written)];
}

/**
 * Copies the wasm/data files of bundled packages next to the chunks that load them: the code resolves them with
 * new URL('./name', import.meta.url), so they belong beside whichever output file holds that expression.
 */
function copyPackageAssets(metafile, appDir, outdir) {
  const copied = [];
  const outputs = Object.keys(metafile.outputs)
    .filter((file) => file.endsWith('.js'))
    .map((file) => ({ file: resolve(appDir, file), text: readFileSync(resolve(appDir, file), 'utf8') }));
  for (const [pkg, files] of Object.entries(PACKAGE_ASSETS)) {
    const marker = `node_modules/${pkg}/`;
    const input = Object.keys(metafile.inputs).find((p) => p.includes(marker));
    if (!input) continue;
    const pkgDir = resolve(appDir, input.slice(0, input.indexOf(marker) + marker.length));
    for (const file of files) {
      const name = file.split('/').pop();
      const source = join(pkgDir, file);
      for (const output of outputs) {
        if (
          !existsSync(source) ||
          (!output.text.includes(`"${name}"`) && !output.text.includes(`"./${name}"`))
        )
          continue;
        const target = join(dirname(output.file), name);
        copyFileSync(source, target);
        copied.push(relative(outdir, target));
      }
    }
  }
  return [...new Set(copied)];
}

if (isMainModule(import.meta.url)) {
  const opts = parseArgs(process.argv.slice(2));
  const manifest = await bundleApp(process.cwd(), opts);
  if (!opts.quiet)
    console.log(JSON.stringify({ bundle: manifest.app, ...manifest, assets: manifest.assets.length }));
}
