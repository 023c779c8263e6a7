// Function App entry: app-wide setup and lifecycle hooks, plus one import per function file.
import { app } from '@azure/functions';
import { closeDbOnAppTerminate } from '@suite/shared/db';
import { getSharedConfig } from '@suite/shared/config';
import { markColdStart } from '@suite/shared/http';
import { getRecommenderConfig } from './config/recommender-config.ts';
import { checkStorageSettings } from './config/storage-accounts.ts';
import { getRecommender } from './service/recommender.ts';
// ESM evaluates these imports before the body below; that is fine: setup options only lock once the app has started.
import './functions/health.ts';
import './functions/console.ts';
import './functions/api-keys.ts';
import './functions/import-data.ts';
import './functions/features.ts';
import './functions/train.ts';
import './functions/jobs.ts';
import './functions/training-runs.ts';
import './functions/training-queues.ts';
import './functions/pipelines.ts';
import './functions/pipeline-queues.ts';
import './functions/run-blob-retention-timer.ts';
import './functions/models.ts';
import './functions/openapi.ts';
import './functions/retrain-timer.ts';
import './functions/recommendations.ts';
import './functions/score.ts';
import './functions/events.ts';
import './functions/edge-model.ts';
import './functions/batch-timer.ts';

// Streaming lets handlers answer with a ReadableStream (server-sent events) flushed chunk by chunk.
app.setup({ enableHttpStream: true });
// The shared database (a PGlite data folder or a pg pool) is closed when the host stops the app.
closeDbOnAppTerminate(app);

app.hook.appStart(() => {
  markColdStart();
  // A malformed shared setting (MODEL_STORE and its account: AZURE_STORAGE_CONNECTION_STRING or its __accountName /
  // __blobServiceUri identity forms; DATABASE_URL; ...) stops the start with an error naming it.
  getSharedConfig();
  // A malformed TRAINING_STORAGE or PIPELINE_STORAGE stops the start with an error naming it (checked here, once
  // the dev host has pointed unset storage settings at its Azurite).
  checkStorageSettings();
  // Dev only (SEED_DEMO=1, set by `suite-host --dev`): in the background, so the host starts listening at once.
  if (getRecommenderConfig().SEED_DEMO)
    void getRecommender()
      .seedDemoIfEmpty()
      .catch((error: unknown) => console.error('[recommender] seeding demo data failed', error));
});
