// The queue-triggered halves of distributed training: a work unit (shard or block cell) per message of
// rec-train-tasks, a step's reduce per message of rec-train-reduce, and a timer sweeping expired leases.
// A handler that throws leaves its message to the queue's retry (then the poison queue); the sweep re-sends
// what is still unfinished when its lease ends, so a run never waits on a lost message.
import { app, type InvocationContext, type Timer } from '@azure/functions';
import { storageConnectionSetting } from '../config/storage-accounts.ts';
import { REDUCE_QUEUE, TASK_QUEUE } from '../distributed/training-storage.ts';
import { getRecommender } from '../service/recommender.ts';

/** The app setting the triggers read their storage account from (the same one the SDK side uses). */
const connection = storageConnectionSetting('training');

export async function trainingTask(message: unknown, context: InvocationContext): Promise<void> {
  const outcome = await getRecommender().trainingRuns.handleTask(message);
  context.log(`training unit ${JSON.stringify(message)}: ${outcome}`);
}

export async function trainingReduce(message: unknown, context: InvocationContext): Promise<void> {
  const outcome = await getRecommender().trainingRuns.handleReduce(message);
  context.log(`training reduce ${JSON.stringify(message)}: ${outcome}`);
}

export async function trainingSweep(_timer: Timer, context: InvocationContext): Promise<void> {
  const report = await getRecommender().trainingRuns.sweep();
  if (report.resent + report.dropped + report.reducesResent > 0)
    context.log(`training sweep ${JSON.stringify(report)}`);
}

app.storageQueue('trainingTask', { queueName: TASK_QUEUE, connection, handler: trainingTask });
app.storageQueue('trainingReduce', { queueName: REDUCE_QUEUE, connection, handler: trainingReduce });
app.timer('trainingSweep', { schedule: '*/30 * * * * *', handler: trainingSweep });
