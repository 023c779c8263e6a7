// Run by `npm install` (the root postinstall): makes the machine's PGlite template once (src/db/pglite-template.ts:
// the tar the tests load and the folder a new data folder is copied from),
// so the first `npm run dev` starts each app's new data folder from it instead of running initdb (3.8 s of CPU per
// app). It never fails the install: without a template a new folder runs initdb as before.
import { ensurePgliteTemplateFolder } from '../src/db/pglite-template.ts';

try {
  console.log(`PGlite template ready: ${await ensurePgliteTemplateFolder()}`);
} catch (error) {
  console.warn(`PGlite template not made (${String(error)}); a new data folder will run initdb`);
}
