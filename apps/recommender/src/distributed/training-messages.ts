// The two queue messages of distributed training, validated on receipt: a work unit (a data-parallel shard or
// a model-parallel block cell of one step) and a step's reduce. A message names its run, epoch and step, so a
// duplicate or a late delivery is recognised and dropped.
import { z } from 'zod';

const common = {
  runId: z.uuid(),
  epoch: z.number().int().min(1).max(500),
  step: z.number().int().min(0).max(63),
};

export const taskMessageSchema = z.object({ ...common, part: z.number().int().min(0).max(63) }).strict();
export const reduceMessageSchema = z.object(common).strict();

export type TaskMessage = z.infer<typeof taskMessageSchema>;
export type ReduceMessage = z.infer<typeof reduceMessageSchema>;

/** The trigger hands over the parsed JSON, or text when a producer sent something that is not JSON. */
export function parseQueueMessage<T>(schema: z.ZodType<T>, input: unknown): T {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw new z.ZodError([{ code: 'custom', path: [], message: 'queue message is not JSON', input }]);
    }
  }
  return schema.parse(value);
}
