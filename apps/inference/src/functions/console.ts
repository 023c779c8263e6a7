// GET /{*path}: the app's web console, built by `npm run build:web` into dist-web/ (host.json routePrefix is "",
// so the page is at / and every API route names its own api/ prefix; more specific routes win over this one).
import { app } from '@azure/functions';
import { createConsoleHandler } from '@suite/shared/http';

export const consolePage = createConsoleHandler();

app.http('console', {
  methods: ['GET', 'HEAD'],
  route: '{*path}',
  authLevel: 'anonymous',
  handler: consolePage,
});
