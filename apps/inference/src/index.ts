// Function App entry: app-wide setup and lifecycle hooks, plus one import per function file.
import { app } from '@azure/functions';
import { markColdStart } from '@suite/shared/http';
import { getInferenceConfig } from './config/inference-config.ts';
// ESM evaluates these imports before the body below; that is fine: setup options only lock once the app has started.
import './functions/health.ts';
import './functions/api-keys.ts';
import './functions/models-publish.ts';
import './functions/models-uploads.ts';
import './functions/models-versions.ts';
import './functions/models-pin.ts';
import './functions/models-predict.ts';
import './functions/v2-health.ts';
import './functions/v2-model-metadata.ts';
import './functions/v2-model-infer.ts';
import './functions/v2-server-metadata.ts';

app.setup({ enableHttpStream: true });

app.hook.appStart(() => {
  markColdStart();
  // A bad INFERENCE_* value stops the start, naming the variable, instead of failing the first request.
  getInferenceConfig();
});
