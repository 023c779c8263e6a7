// GET /{*path}: the app's web console, built by `npm run build:web` into dist-web/ (host.json routePrefix is "",
// so the page is at / and every API route names its own api/ prefix; more specific routes win over this one).
// Where upload URLs are issued, the page may also call their Blob endpoint (a large model goes there from the
// browser), and only that origin: its CSP's connect-src names it.
import { app } from '@azure/functions';
import {
  createConsoleHandler,
  createStaticSite,
  resolveConsoleDir,
  type StaticSite,
} from '@suite/shared/http';
import { tryUploadOrigin } from '../service/model-uploads.ts';

let site: StaticSite | undefined;

/** The console's site, built once per warm instance (CONSOLE_DIR and the model store's account are read then). */
export function getInferenceConsoleSite(): StaticSite {
  if (!site) {
    const origin = tryUploadOrigin();
    site = createStaticSite(resolveConsoleDir(), { connectSources: origin ? [origin] : [] });
  }
  return site;
}

/** Forgets the site (tests that change the environment or CONSOLE_DIR). */
export function resetInferenceConsoleSite(): void {
  site = undefined;
}

export const consolePage = createConsoleHandler(getInferenceConsoleSite);

app.http('console', {
  methods: ['GET', 'HEAD'],
  route: '{*path}',
  authLevel: 'anonymous',
  handler: consolePage,
});
