// Where the chatbot benches that start the app on the dev host find it: this app's folder and suite-host's bin.
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/chatbot. */
export const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The host's bin, beside the exported host module's folder (packages/host/src -> packages/host/bin). */
export const HOST_BIN = resolve(
  dirname(createRequire(import.meta.url).resolve('@suite/host')),
  '..',
  'bin',
  'suite-host.mjs',
);
