// Cross-site request forgery and DNS rebinding in Chromium (@suite/console/testing's describeCrossOriginWrite): a page
// of another origin POSTs an Open Inference Protocol request with fetch 'no-cors' and a form Content-Type (no CORS
// preflight; the app reads that type as JSON because curl -d sends it) and is refused before the handler runs, as is
// a page of a name rebound to 127.0.0.1; curl -d gets the handler's own answer (no such model).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeCrossOriginWrite } from '@suite/console/testing';

describeCrossOriginWrite({
  appDir: join(dirname(fileURLToPath(import.meta.url)), '..'),
  path: '/api/v2/models/none-yet/infer',
  body: JSON.stringify({ inputs: [{ name: 'x', shape: [1], datatype: 'FP32', data: [1] }] }),
  curlStatus: 404,
});
