// The pipeline's stage functions: one queue trigger per stage (split, clean, features, train, evaluate, publish),
// each working on one chunk per message, and one on each stage's poison queue that fails the run, saying why; and
// the uploads queue, where an Event Grid subscription on the container delivers BlobCreated events.
import { app, type InvocationContext } from '@azure/functions';
import { storageConnectionSetting } from '../config/storage-accounts.ts';
import { STAGES, stageQueue } from '../pipeline/pipeline-storage.ts';
import { getPipelines } from '../service/pipelines.ts';

/** The Functions host's count of deliveries of this message (1 on the first). */
const dequeueCount = (context: InvocationContext) => Number(context.triggerMetadata?.dequeueCount ?? 1);

/** The account PIPELINE_STORAGE names (else AzureWebJobsStorage): the triggers poll where the stages send. */
const connection = storageConnectionSetting('pipeline');

for (const stage of STAGES) {
  app.storageQueue(`pipeline-${stage}`, {
    queueName: stageQueue(stage),
    connection,
    handler: (message: unknown, context: InvocationContext) =>
      getPipelines().handle(stage, message, dequeueCount(context)),
  });
  app.storageQueue(`pipeline-${stage}-poison`, {
    queueName: `${stageQueue(stage)}-poison`,
    connection,
    handler: (message: unknown) => getPipelines().poisoned(stage, message),
  });
}

app.storageQueue('pipeline-upload', {
  queueName: 'rec-pipeline-uploads',
  connection,
  handler: async (event: unknown, context: InvocationContext) => {
    const run = await getPipelines().fromBlobEvent(event);
    context.log(run ? `upload event: pipeline run ${run.id} (${run.state})` : 'upload event ignored');
  },
});
