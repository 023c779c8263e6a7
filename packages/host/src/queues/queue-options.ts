// host.json `extensions.queues`, read with the defaults and units of the Azure Functions Storage Queues extension.

/** The queue trigger settings the host applies to every queue-triggered function of an app. */
export interface QueueOptions {
  /** Messages fetched per poll, 1..32 (Azure default 16). */
  batchSize: number;
  /** Fetch the next batch once no more than this many messages are still running (default batchSize / 2). */
  newBatchThreshold: number;
  /** Longest wait between polls of an idle queue, ms (default 60 s; 2 s when AZURE_FUNCTIONS_ENVIRONMENT=Development). */
  maxPollingIntervalMs: number;
  /** How long a failed message stays invisible before its next attempt, ms (default 0: retried at once). */
  visibilityTimeoutMs: number;
  /** Attempts before a message moves to `<queue>-poison` (default 5). */
  maxDequeueCount: number;
  /** `base64` (default): message bodies are base64 on the wire, as the real host reads and writes them. */
  messageEncoding: 'base64' | 'none';
}

/** Azure's floor between two polls of a queue that was just found empty. */
export const MIN_POLLING_INTERVAL_MS = 100;

/** A host.json duration: TimeSpan text `[d.]hh:mm:ss[.fff]`, or a number of milliseconds. */
export function parseDuration(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === 'string') {
    const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,7}))?$/.exec(value.trim());
    if (match) {
      const [, days, h, m, s, fraction] = match;
      const ms = fraction ? Number(`0.${fraction}`) * 1000 : 0;
      return ((Number(days ?? 0) * 24 + Number(h)) * 60 + Number(m)) * 60_000 + Number(s) * 1000 + ms;
    }
  }
  throw new Error(
    `host.json extensions.queues.${field} must be a TimeSpan like "00:00:30" or milliseconds, got ${JSON.stringify(value)}`,
  );
}

function integer(value: unknown, field: string, min: number, max: number): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  throw new Error(
    `host.json extensions.queues.${field} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`,
  );
}

/** The app settings that override a host.json value, as on Azure (`__` for each level of nesting). */
const OVERRIDE_PREFIX = 'azurefunctionsjobhost__extensions__queues__';
const INTEGER_FIELDS = ['batchSize', 'newBatchThreshold', 'maxDequeueCount'];
const FIELDS = [...INTEGER_FIELDS, 'maxPollingInterval', 'visibilityTimeout', 'messageEncoding'];

/**
 * `extensions.queues` of host.json with the app settings that override it, as the Functions host applies them:
 * `AzureFunctionsJobHost__extensions__queues__visibilityTimeout=00:00:01` wins over host.json's visibilityTimeout.
 */
function queueSettings(
  hostJson: Record<string, unknown> | undefined,
  env: Record<string, string | undefined>,
): Record<string, unknown> {
  const extensions = (hostJson?.extensions ?? {}) as Record<string, unknown>;
  const queues = { ...((extensions.queues ?? {}) as Record<string, unknown>) };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !name.toLowerCase().startsWith(OVERRIDE_PREFIX)) continue;
    const field = FIELDS.find((f) => f.toLowerCase() === name.slice(OVERRIDE_PREFIX.length).toLowerCase());
    if (!field) continue;
    queues[field] = INTEGER_FIELDS.includes(field) && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  }
  return queues;
}

/**
 * Reads `extensions.queues` of a parsed host.json with the extension's defaults, overridden by
 * `AzureFunctionsJobHost__extensions__queues__<setting>` app settings.
 * @throws Error naming the field when a value is out of range or of the wrong type.
 * @example readQueueOptions({ extensions: { queues: { batchSize: 4, maxPollingInterval: '00:00:02' } } })
 */
export function readQueueOptions(
  hostJson: Record<string, unknown> | undefined,
  env: Record<string, string | undefined> = process.env,
): QueueOptions {
  const queues = queueSettings(hostJson, env);
  const batchSize = queues.batchSize === undefined ? 16 : integer(queues.batchSize, 'batchSize', 1, 32);
  const newBatchThreshold =
    queues.newBatchThreshold === undefined
      ? Math.floor(batchSize / 2)
      : integer(queues.newBatchThreshold, 'newBatchThreshold', 0, 1000);
  const development = (env.AZURE_FUNCTIONS_ENVIRONMENT ?? '').toLowerCase() === 'development';
  const maxPollingIntervalMs =
    queues.maxPollingInterval === undefined
      ? development
        ? 2_000
        : 60_000
      : parseDuration(queues.maxPollingInterval, 'maxPollingInterval');
  if (maxPollingIntervalMs < MIN_POLLING_INTERVAL_MS) {
    throw new Error(
      `host.json extensions.queues.maxPollingInterval must be at least ${MIN_POLLING_INTERVAL_MS} ms`,
    );
  }
  const visibilityTimeoutMs =
    queues.visibilityTimeout === undefined ? 0 : parseDuration(queues.visibilityTimeout, 'visibilityTimeout');
  const maxDequeueCount =
    queues.maxDequeueCount === undefined ? 5 : integer(queues.maxDequeueCount, 'maxDequeueCount', 1, 1000);
  const encoding = String(queues.messageEncoding ?? 'base64').toLowerCase();
  if (encoding !== 'base64' && encoding !== 'none') {
    throw new Error(
      `host.json extensions.queues.messageEncoding must be "base64" or "none", got ${JSON.stringify(queues.messageEncoding)}`,
    );
  }
  return {
    batchSize,
    newBatchThreshold,
    maxPollingIntervalMs,
    visibilityTimeoutMs,
    maxDequeueCount,
    messageEncoding: encoding,
  };
}
