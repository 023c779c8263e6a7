// The esbuild plugins every bundle of the suite runs with (the app's and each worker thread's), and the set of
// Node built-in module names they and the externals' collection skip.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const STUBS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'stubs');

/** Modules replaced in every bundle: TypeScript loaders have nothing to do once the code is JavaScript. */
const LOADER_STUBS = { 'tsx/esm/api': join(STUBS_DIR, 'tsx-register.mjs') };

export const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

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

/** The plugins in the order every build uses them. */
export function suitePlugins() {
  return [loaderStubs(), optionalPeersExternal(), zodNamespaceImports()];
}
