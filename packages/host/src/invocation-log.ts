// The host's own line per invocation: a JSON object (like the apps' request lines) for log collectors, or a short
// human line on a terminal. HOST_LOG=json|pretty chooses; unset, a TTY stdout gets pretty and anything else JSON.

/** One invocation as the host saw it. */
export interface InvocationLogEntry {
  event: 'invocation';
  time: string;
  app: string;
  invocationId?: string;
  function: string;
  /** `http`, `timer`, `queue`, `eventHub`... */
  trigger: string;
  /** `Succeeded`, `Failed` (the function threw), or `Aborted` (the client left before any answer). */
  outcome: 'Succeeded' | 'Failed' | 'Aborted';
  method?: string;
  path?: string;
  /** The HTTP status sent (HTTP triggers only). */
  status?: number;
  /** Queue triggers: the queue, the message id and its delivery count, and the poison queue it was moved to. */
  queue?: string;
  messageId?: string;
  dequeueCount?: number;
  movedTo?: string;
  durationMs: number;
  /** The model version the answer came from, when the app's own request line named one. */
  modelVersion?: string;
  /** What the function threw (stack included), when it did. */
  error?: string;
}

/** `json`: one JSON object per line; `pretty`: `[app] fn (http) GET /api/x 200 1.2ms`. */
export type HostLogFormat = 'json' | 'pretty';

/** What the host knows of an invocation when it ends (the rest of the entry it fills in itself). */
export interface InvocationFields {
  invocationId?: string;
  method?: string;
  path?: string;
  status?: number;
  queue?: string;
  messageId?: string;
  dequeueCount?: number;
  movedTo?: string;
  outcome: InvocationLogEntry['outcome'];
  durationMs: number;
  /** What the function threw. */
  error?: unknown;
}

let appLogFormat: HostLogFormat = 'pretty';

/** The format of the apps' own log lines in this process (one app per process; set by `startHost`). */
export function setAppLogFormat(format: HostLogFormat): void {
  appLogFormat = format;
}

/** The format set by {@link setAppLogFormat}. */
export function getAppLogFormat(): HostLogFormat {
  return appLogFormat;
}

/** The format from HOST_LOG, else pretty on a terminal and JSON when stdout is a pipe or a file. */
export function resolveHostLogFormat(
  env: Record<string, string | undefined> = process.env,
  isTty: boolean = process.stdout.isTTY === true,
): HostLogFormat {
  const setting = env.HOST_LOG?.trim().toLowerCase();
  if (setting === 'json' || setting === 'pretty') return setting;
  if (setting !== undefined && setting !== '') {
    throw new Error(`HOST_LOG must be json or pretty, got "${env.HOST_LOG}"`);
  }
  return isTty ? 'pretty' : 'json';
}

/** The entry as one line in `format` (pretty puts a failure's stack on the lines after it). */
export function formatInvocation(entry: InvocationLogEntry, format: HostLogFormat): string {
  if (format === 'json') return JSON.stringify(entry);
  const message = entry.messageId ? `${entry.messageId} try ${entry.dequeueCount ?? 1}` : 'message';
  const what = entry.queue
    ? `${entry.queue} ${message}`
    : [entry.method, entry.path].filter(Boolean).join(' ');
  const result =
    entry.status !== undefined && entry.outcome !== 'Aborted'
      ? String(entry.status)
      : entry.movedTo
        ? `${entry.outcome}, moved to ${entry.movedTo}`
        : entry.outcome;
  const line =
    `[${entry.app}] ${entry.function} (${entry.trigger}) ${what ? `${what} ` : ''}${result} ` +
    `${entry.durationMs.toFixed(1)}ms${entry.modelVersion ? ` model ${entry.modelVersion}` : ''}`;
  return entry.error === undefined
    ? line
    : `${line}\n[${entry.app}] ${entry.function} failed: ${entry.error}`;
}

/** A line of the host's own (a queue it cannot poll, ...): `[app] text`, or `{"event":"host",...}` in JSON. */
export function formatHostNotice(app: string, message: string, format: HostLogFormat): string {
  if (format === 'pretty') return `[${app}] ${message}`;
  return JSON.stringify({ event: 'host', time: new Date().toISOString(), app, message });
}

/**
 * An app's log line of one invocation in `format`: JSON lines pass through as they are (the apps' request lines
 * already name the invocation), other text is wrapped in a JSON object; pretty prefixes the function name.
 */
export function formatAppLog(
  message: string,
  fields: { function: string; invocationId: string; level: string },
  format: HostLogFormat,
): string {
  if (format === 'pretty') return `[${fields.function}] ${message}`;
  if (message.startsWith('{') && message.endsWith('}')) {
    try {
      if (typeof JSON.parse(message) === 'object') return message;
    } catch {
      // not JSON after all: wrapped below
    }
  }
  return JSON.stringify({ event: 'log', time: new Date().toISOString(), ...fields, message });
}

const MAX_REMEMBERED = 1000;
const modelVersions = new Map<string, string>();

/** Notes the model version an app's request line names for its invocation (read back once by the host's line). */
export function noteModelVersion(invocationId: string, message: string): void {
  if (!message.startsWith('{') || !message.includes('"modelVersion"')) return;
  try {
    const parsed = JSON.parse(message) as { modelVersion?: unknown };
    if (typeof parsed.modelVersion !== 'string') return;
    if (modelVersions.size >= MAX_REMEMBERED)
      modelVersions.delete(modelVersions.keys().next().value as string);
    modelVersions.set(invocationId, parsed.modelVersion);
  } catch {
    // a line that only looks like JSON names no version
  }
}

/** The version noted for `invocationId`, forgotten as it is read. */
export function takeModelVersion(invocationId: string | undefined): string | undefined {
  if (invocationId === undefined) return undefined;
  const version = modelVersions.get(invocationId);
  modelVersions.delete(invocationId);
  return version;
}
