// The dev host inside a deploy package: the app's @suite/host bundled into one file that `npm start` runs.
import * as esbuild from 'esbuild';
import { findPackageDir } from './packages.mjs';

/** The bundled dev host's file name inside the package. */
export const PACKAGED_HOST = 'suite-host.mjs';

/**
 * Bundles the dev host the app declares (`@suite/host`, resolved from the app folder) into one plain .mjs, so the
 * unzipped package starts under bare `node` with `npm start`. It carries no TypeScript loader: the app is a bundle.
 */
export function bundleHost(appDir, outfile) {
  if (!findPackageDir('@suite/host', appDir))
    throw new Error(
      'package: the app must list @suite/host in its devDependencies (the packaged start command)',
    );
  esbuild.buildSync({
    stdin: {
      contents: "import { runHostCli } from '@suite/host/cli';\nawait runHostCli(process.argv.slice(2));\n",
      resolveDir: appDir,
      loader: 'js',
      sourcefile: 'suite-host-entry.mjs',
    },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    legalComments: 'none',
    banner: {
      // CommonJS dependencies (the Storage queue SDK's `debug`, say) call require('net'): an ESM bundle has no
      // require of its own, so it is given one, as the app bundle is.
      js: `// ${PACKAGED_HOST}: the suite's local Functions host. Run: npm start (or node ${PACKAGED_HOST} --port 8080 dist/index.js)\nimport { createRequire as __hostCreateRequire } from 'node:module';\nconst require = __hostCreateRequire(import.meta.url);`,
    },
    logLevel: 'error',
  });
}
