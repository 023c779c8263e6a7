// Function App entry: app-wide setup and lifecycle hooks, plus one import per function file.
import { app } from '@azure/functions';
import { closeDbOnAppTerminate } from '@suite/shared/db';
import { getSharedConfig } from '@suite/shared/config';
import { markColdStart } from '@suite/shared/http';
import { getInferenceConfig } from './config/inference-config.ts';
import { seedDemoModelsIfEmpty } from './service/demo-models.ts';
import { getInference } from './service/inference.ts';
// ESM evaluates these imports before the body below; that is fine: setup options only lock once the app has started.
import './functions/health.ts';
import './functions/api-keys.ts';
import './functions/console.ts';
import './functions/models-list.ts';
import './functions/models-publish.ts';
import './functions/models-uploads.ts';
import './functions/models-versions.ts';
import './functions/models-pin.ts';
import './functions/models-predict.ts';
import './functions/v2-health.ts';
import './functions/v2-model-metadata.ts';
import './functions/v2-model-infer.ts';
import './functions/v2-server-metadata.ts';
import './functions/openapi.ts';

app.setup({ enableHttpStream: true });
// The shared database (a PGlite data folder or a pg pool) is closed when the host stops the app.
closeDbOnAppTerminate(app);

app.hook.appStart(() => {
  markColdStart();
  // A malformed shared setting (MODEL_STORE and its account: AZURE_STORAGE_CONNECTION_STRING or its __accountName /
  // __blobServiceUri identity forms; DATABASE_URL; ...) stops the start with an error naming it.
  getSharedConfig();
  // A bad INFERENCE_* value stops the start, naming the variable, instead of failing the first request.
  const { preload, seedDemo } = getInferenceConfig();
  // In the background while the host finishes starting: the database connection and schema check, and the models
  // named in INFERENCE_PRELOAD, are then in flight or done when the first request arrives. A failure here is
  // logged; the first request does the same work again and answers with the error.
  void getInference()
    .warmUp(preload)
    .catch((error: unknown) => console.warn('[inference] warm-up at start failed:', error));
  // Dev only (SEED_DEMO=1): in the background, so the host starts listening at once.
  if (seedDemo)
    void seedDemoModelsIfEmpty(getInference())
      .then(
        (names) => names.length > 0 && console.info(`[inference] demo models published: ${names.join(', ')}`),
      )
      .catch((error: unknown) => console.error('[inference] seeding demo models failed', error));
});
