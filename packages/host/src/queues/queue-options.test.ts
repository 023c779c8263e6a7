import { describe, expect, it } from 'vitest';
import { parseDuration, readQueueOptions } from './queue-options.ts';

describe('readQueueOptions', () => {
  it('uses the Storage Queues extension defaults when host.json says nothing', () => {
    expect(readQueueOptions(undefined, {})).toEqual({
      batchSize: 16,
      newBatchThreshold: 8,
      maxPollingIntervalMs: 60_000,
      visibilityTimeoutMs: 0,
      maxDequeueCount: 5,
      messageEncoding: 'base64',
    });
  });

  it('polls an idle queue at most every 2 s in Development, as the host does locally', () => {
    expect(readQueueOptions({}, { AZURE_FUNCTIONS_ENVIRONMENT: 'Development' }).maxPollingIntervalMs).toBe(
      2000,
    );
  });

  it('lets AzureFunctionsJobHost__extensions__queues__* app settings override host.json, as Azure does', () => {
    const hostJson = { extensions: { queues: { visibilityTimeout: '00:00:10', maxDequeueCount: 5 } } };
    const options = readQueueOptions(hostJson, {
      AzureFunctionsJobHost__extensions__queues__visibilityTimeout: '00:00:01',
      azurefunctionsjobhost__extensions__queues__maxdequeuecount: '3',
      AzureFunctionsJobHost__extensions__queues__batchSize: '4',
      AzureFunctionsJobHost__extensions__http__routePrefix: 'x',
    });
    expect(options).toMatchObject({
      visibilityTimeoutMs: 1000,
      maxDequeueCount: 3,
      batchSize: 4,
      newBatchThreshold: 2,
    });
    expect(() =>
      readQueueOptions(hostJson, { AzureFunctionsJobHost__extensions__queues__maxDequeueCount: 'many' }),
    ).toThrow(/maxDequeueCount/);
  });

  it('reads TimeSpans and numbers, and derives newBatchThreshold from batchSize', () => {
    const options = readQueueOptions(
      {
        extensions: {
          queues: {
            batchSize: 5,
            maxPollingInterval: '00:00:02.5',
            visibilityTimeout: 30000,
            messageEncoding: 'None',
          },
        },
      },
      {},
    );
    expect(options).toMatchObject({
      batchSize: 5,
      newBatchThreshold: 2,
      maxPollingIntervalMs: 2500,
      visibilityTimeoutMs: 30000,
      messageEncoding: 'none',
    });
    expect(parseDuration('1.00:00:01', 'x')).toBe(86_401_000);
  });

  it('names the field and what it expects when a value is wrong', () => {
    expect(() => readQueueOptions({ extensions: { queues: { batchSize: 64 } } }, {})).toThrow(
      /batchSize must be an integer from 1 to 32, got 64/,
    );
    expect(() => readQueueOptions({ extensions: { queues: { visibilityTimeout: 'soon' } } }, {})).toThrow(
      /visibilityTimeout must be a TimeSpan/,
    );
    expect(() => readQueueOptions({ extensions: { queues: { messageEncoding: 'utf8' } } }, {})).toThrow(
      /messageEncoding must be "base64" or "none"/,
    );
    expect(() => readQueueOptions({ extensions: { queues: { maxPollingInterval: 10 } } }, {})).toThrow(
      /at least 100 ms/,
    );
  });
});
