// What a bundle's build leaves to do: bundle the worker threads it starts, copy the files its packages load beside
// them, and list the packages left external with their installed versions.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { suitePlugins, BUILTINS } from './esbuild-plugins.mjs';
import { findPackageDir, packageNameOf, readJson } from './packages.mjs';

/** Assets that a bundled package loads beside its own file via new URL('./x', import.meta.url). */
const PACKAGE_ASSETS = {
  '@electric-sql/pglite': ['dist/pglite.wasm', 'dist/pglite.data', 'dist/initdb.wasm'],
};

/**
 * External imports that are real packages, each with the version installed beside its importer. Also the
 * external packages a bundled package loads through a runtime require esbuild cannot see (transformers.js
 * loads onnxruntime-node with createRequire): any dependency of a bundled package that is on the external list.
 */
export function collectExternals(metafile, appDir, externalNames) {
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
export async function bundleWorkers(metafile, appDir, common) {
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
        define: common.define,
        external: common.external,
        alias: common.stubs,
        plugins: suitePlugins(),
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
export function copyPackageAssets(metafile, appDir, outdir) {
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
