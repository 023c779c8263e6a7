// The local dev host's public shape: what startHost takes, and the running host it gives (its functions as
// described by `describeFunction`, invocation by name, the master key, close).
import type { RegisteredFunction } from './core-api.ts';
import type { HostLogFormat } from './invocation-log.ts';
import type { MasterKey } from './master-key.ts';
import { getTriggerBinding } from './run-invocation.ts';

/** Options of {@link startHost}. */
export interface StartHostOptions {
  /** The app's entry file (`src/index.ts`, or a bundle's `dist/index.js`). */
  entry: string;
  /** TCP port; 0 picks a free one. Default: `PORT`, else 7071. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1 (only this machine). `0.0.0.0` opens it to the network. */
  hostname?: string;
  /** Key the admin API (`/admin/*`) requires in `x-functions-key`; default FUNCTIONS_MASTER_KEY, else generated. */
  masterKey?: string;
  /** Label in log lines; default the app's package name without its scope. */
  name?: string;
  /** Schedule timer triggers (default true); on-demand runs through `invoke` work either way. */
  timers?: boolean;
  /**
   * Poll Storage queues for `app.storageQueue` triggers (default true). Queue output bindings are sent either way.
   */
  queues?: boolean;
  /** Where invocation lines go; default stdout. */
  log?: (line: string) => void;
  /**
   * `json`: the host's line per invocation is a JSON object (invocationId, function, trigger, outcome, status,
   * durationMs, modelVersion when the app's request line named one) and the apps' own lines stay JSON lines;
   * `pretty`: short human lines. Default HOST_LOG, else pretty when stdout is a terminal and JSON otherwise.
   */
  logFormat?: HostLogFormat;
  /**
   * Development defaults (`--dev`): data kept in the app's `.data/pglite`, SEED_DEMO=1, and a dev ADMIN_KEY kept
   * in `.data/dev-admin-key` and printed; variables already set win.
   */
  dev?: boolean;
}

/** A function as the host sees it. */
export interface HostedFunction {
  name: string;
  trigger: string;
  route?: string;
  methods?: string[];
  schedule?: string;
  queueName?: string;
  eventHubName?: string;
}

/** Outcome of running a non-HTTP function on demand. */
export interface InvokeResult {
  invocationId?: string;
  function: string;
  trigger: string;
  status: 'Succeeded' | 'Failed';
  durationMs: number;
  result?: unknown;
  error?: string;
}

/** A running host. */
export interface RunningHost {
  /** Base URL, e.g. `http://127.0.0.1:7071`. */
  url: string;
  /** The admin API's key (`x-functions-key` header) and where it came from. */
  masterKey: MasterKey;
  /** The library's internal streaming proxy (loopback only), when the app turned streaming on. */
  proxyUrl: string | undefined;
  port: number;
  name: string;
  /** `extensions.http.routePrefix` of host.json (`api` when unset; `''` serves routes from the root). */
  routePrefix: string;
  functions(): HostedFunction[];
  /** The queues polled for queue-triggered functions (those whose connection setting resolved). */
  queues(): Array<{ function: string; queueName: string; connection: string }>;
  /** Runs a timer / queue / Event Hubs (or other non-HTTP) function with `input`, like `POST /admin/functions/{name}`. */
  invoke(name: string, input?: unknown): Promise<InvokeResult>;
  /** Stops timers and the server, then runs appTerminate hooks. */
  close(): Promise<void>;
}

/** `http`, `timer`, `queue`, `eventHub`...: the binding type without its `Trigger` suffix. */
export const triggerLabel = (fn: RegisteredFunction): string =>
  String(getTriggerBinding(fn).options.type).replace(/Trigger$/i, '');

/** How {@link RunningHost.functions} lists a registered function. */
export function describeFunction(fn: RegisteredFunction): HostedFunction {
  const trigger = getTriggerBinding(fn);
  const o = trigger.options;
  const described: HostedFunction = { name: fn.name, trigger: triggerLabel(fn) };
  if (trigger.type === 'httptrigger') {
    described.route = typeof o.route === 'string' && o.route ? o.route : fn.name;
    described.methods = Array.isArray(o.methods) ? o.methods.map(String) : [];
  }
  if (typeof o.schedule === 'string') described.schedule = o.schedule;
  if (typeof o.queueName === 'string') described.queueName = o.queueName;
  if (typeof o.eventHubName === 'string') described.eventHubName = o.eventHubName;
  return described;
}
