// Function App entry: app-wide setup and lifecycle hooks, plus one import per function file.
import { app } from '@azure/functions';
import { closeDbOnAppTerminate } from '@suite/shared/db';
import { getSharedConfig } from '@suite/shared/config';
import { markColdStart } from '@suite/shared/http';
import { getAnomalyConfig } from './config/anomaly-config.ts';
// ESM evaluates these imports before the body below; that is fine: setup options only lock once the app has started.
import './functions/health.ts';
import './functions/console.ts';
import './functions/api-keys.ts';
import './functions/metrics.ts';
import './functions/metrics-event-hub.ts';
import './functions/series.ts';
import './functions/series-anomalies.ts';
import './functions/series-incidents.ts';
import './functions/series-scores.ts';
import './functions/series-webhook.ts';
import './functions/detect.ts';
import './functions/models-fit.ts';
import './functions/models-onnx.ts';
import './functions/models.ts';
import './functions/openapi.ts';
import './functions/refit-timer.ts';
import './functions/alerts-timer.ts';
import './functions/edge-series.ts';
import { seedDemoStreamsIfEmpty } from './functions/demo-stream-timer.ts';

// Streaming lets handlers answer with a ReadableStream (server-sent events) flushed chunk by chunk.
app.setup({ enableHttpStream: true });
// The shared database (a PGlite data folder or a pg pool) is closed when the host stops the app.
closeDbOnAppTerminate(app);

app.hook.appStart(() => {
  markColdStart();
  // A malformed shared setting (MODEL_STORE and its account: AZURE_STORAGE_CONNECTION_STRING or its __accountName /
  // __blobServiceUri identity forms; DATABASE_URL; ...) stops the start with an error naming it.
  getSharedConfig();
  // Read and validate the settings now: a bad ANOMALY_* or ALERT_* value stops the start, naming the variable,
  // instead of failing the first request or the 03:00 timer.
  // Dev only (SEED_DEMO=1): in the background, so the host starts listening at once.
  if (getAnomalyConfig().seedDemo)
    void seedDemoStreamsIfEmpty().catch((error: unknown) =>
      console.error('[anomaly] seeding demo streams failed', error),
    );
});
