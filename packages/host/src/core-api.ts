// The `@azure/functions-core` module the Functions host normally injects, supplied by the local dev host.
import Module from 'node:module';
import { format } from 'node:util';

/** Log levels and categories exactly as the worker protocol names them. */
export type CoreLogLevel = 'trace' | 'debug' | 'information' | 'warning' | 'error' | 'critical' | 'none';
export type CoreLogCategory = 'user' | 'system' | 'customMetric';

/** Wire shapes of the worker protocol, only as far as the library reads and writes them. */
export interface RpcTypedData {
  string?: string | null;
  json?: string | null;
  bytes?: Uint8Array | null;
  stream?: Uint8Array | null;
  http?: RpcHttpData | null;
  int?: number | null;
  double?: number | null;
  collectionString?: { string?: string[] | null } | null;
}
export interface RpcHttpData {
  method?: string | null;
  url?: string | null;
  headers?: Record<string, string> | null;
  query?: Record<string, string> | null;
  params?: Record<string, string> | null;
  body?: RpcTypedData | null;
  statusCode?: string | null;
  cookies?: Array<Record<string, unknown>> | null;
}
export interface RpcBindingInfo {
  type?: string | null;
  direction?: 'in' | 'out' | 'inout' | null;
  [option: string]: unknown;
}
export interface RpcFunctionMetadata {
  name?: string | null;
  bindings?: Record<string, RpcBindingInfo> | null;
  retryOptions?: unknown;
}
export interface RpcInvocationRequest {
  invocationId: string;
  functionId: string;
  inputData: Array<{ name: string; data: RpcTypedData | null }>;
  triggerMetadata: Record<string, RpcTypedData>;
  traceContext?: { traceParent?: string; traceState?: string; attributes?: Record<string, string> };
  retryContext?: unknown;
}
export interface RpcInvocationResponse {
  invocationId: string;
  outputData?: Array<{ name?: string | null; data?: RpcTypedData | null }> | null;
  returnValue?: RpcTypedData | null;
}

/** What the host hands to the programming model for one invocation (`CoreInvocationContext`). */
export interface CoreInvocationContext {
  invocationId: string;
  request: RpcInvocationRequest;
  metadata: RpcFunctionMetadata;
  state?: 'preInvocationHooks' | 'postInvocationHooks' | 'invocation' | undefined;
  log(level: CoreLogLevel, category: CoreLogCategory, message: string): void;
}
export interface InvocationModel {
  getArguments(): Promise<{ context: unknown; inputs: unknown[] }>;
  invokeFunction(context: unknown, inputs: unknown[], handler: FunctionCallback): Promise<unknown>;
  getResponse(context: unknown, result: unknown): Promise<RpcInvocationResponse>;
}
export interface ProgrammingModel {
  name: string;
  version: string;
  getInvocationModel(coreContext: CoreInvocationContext): InvocationModel;
  getCapabilities?(
    capabilities: Record<string, string>,
  ): Promise<Record<string, string>> | Record<string, string>;
}
export type FunctionCallback = (...args: unknown[]) => unknown;
export type HookCallback = (context: Record<string, unknown>) => unknown;

/** One function as the library registered it: its metadata (bindings) and the user's handler. */
export interface RegisteredFunction {
  name: string;
  metadata: RpcFunctionMetadata & { name: string; bindings: Record<string, RpcBindingInfo> };
  callback: FunctionCallback;
}

const HOOK_NAMES = ['appStart', 'appTerminate', 'preInvocation', 'postInvocation', 'log'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

/** Everything the loaded app told the host: functions, hooks and the programming model. One per process. */
export interface CoreRegistry {
  functions: Map<string, RegisteredFunction>;
  hooks: Record<HookName, HookCallback[]>;
  programmingModel: ProgrammingModel | undefined;
  /** Shared by every hook of the app (`appHookData` in the library's hook contexts). */
  appHookData: Record<string, unknown>;
  /** Data only app-level hooks share (`hookData` of appStart / appTerminate). */
  appLevelHookData: Record<string, unknown>;
  log: (level: CoreLogLevel, category: CoreLogCategory, message: string) => void;
  /**
   * Sends a successful invocation's output bindings on (queue messages), as the host does before it reports
   * the invocation done; a failure here fails the invocation. Set by startHost.
   */
  routeOutputs?: (fn: RegisteredFunction, response: RpcInvocationResponse) => Promise<void>;
}

class Disposable {
  #callOnDispose: (() => void) | undefined;
  constructor(callOnDispose: () => void) {
    this.#callOnDispose = callOnDispose;
  }
  static from(...items: Array<{ dispose(): void }>): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }
  dispose(): void {
    this.#callOnDispose?.();
    this.#callOnDispose = undefined;
  }
}

const registry: CoreRegistry = {
  functions: new Map(),
  hooks: { appStart: [], appTerminate: [], preInvocation: [], postInvocation: [], log: [] },
  programmingModel: undefined,
  appHookData: {},
  appLevelHookData: {},
  log: (level, category, message) => {
    if (category === 'system' && (level === 'debug' || level === 'trace')) return;
    const write =
      level === 'error' || level === 'critical' || level === 'warning' ? console.error : console.log;
    write(message);
  },
};

/** The registry the installed core module feeds. */
export function getCoreRegistry(): CoreRegistry {
  return registry;
}

/** Reports the host version the library checks features against (streaming needs >= 4.28, log hooks >= 4.34). */
const HOST_VERSION = '4.1037.0';

/** The module object, shaped like the one the Node.js worker builds in its `setupCoreModule`. */
export function createCoreApi(target: CoreRegistry = registry) {
  return {
    version: '3.10.1',
    hostVersion: HOST_VERSION,
    Disposable,
    registerFunction(metadata: RpcFunctionMetadata, callback: FunctionCallback): Disposable {
      const name = metadata.name;
      if (!name || !metadata.bindings) throw new Error('registerFunction needs a name and bindings');
      if (target.functions.has(name)) {
        throw new Error(`A function with the name "${name}" has already been registered.`);
      }
      target.functions.set(name, {
        name,
        metadata: { ...metadata, name, bindings: metadata.bindings },
        callback,
      });
      return new Disposable(() => target.functions.delete(name));
    },
    setProgrammingModel(model: ProgrammingModel): void {
      target.programmingModel = model;
    },
    getProgrammingModel(): ProgrammingModel | undefined {
      return target.programmingModel;
    },
    registerHook(hookName: string, callback: HookCallback): Disposable {
      if (!(HOOK_NAMES as readonly string[]).includes(hookName)) {
        // The worker answers unknown hooks with a RangeError marked as a system error; the library relies on that.
        const error = Object.assign(new RangeError(`Unrecognized hook "${hookName}"`), {
          isAzureFunctionsSystemError: true,
        });
        throw error;
      }
      const list = target.hooks[hookName as HookName];
      list.push(callback);
      return new Disposable(() => {
        const index = list.indexOf(callback);
        if (index >= 0) list.splice(index, 1);
      });
    },
    log(level: CoreLogLevel, category: CoreLogCategory, ...args: unknown[]): void {
      target.log(level, category, format(...args));
    },
  };
}

let installed = false;

/**
 * Makes `require('@azure/functions-core')` return the host's core API, the same way the real Node.js worker
 * does (a proxy on `Module.prototype.require`). Why this rather than a package in a temp node_modules: the
 * library resolves the name from its own folder inside node_modules, so a package elsewhere would need
 * NODE_PATH set before the process starts, which `startHost` inside a test cannot do; the require hook works
 * in-process, under tsx and vitest alike, and also for an esbuild bundle that keeps the name external.
 * Idempotent. Must run before anything calls into `@azure/functions` (it caches the lookup on first use).
 */
export function ensureCoreApiInstalled(): CoreRegistry {
  if (installed) return registry;
  installed = true;
  const coreApi = createCoreApi(registry);
  const proto = Module.prototype as unknown as { require: (id: string) => unknown };
  proto.require = new Proxy(proto.require, {
    apply(target, thisArg, args: unknown[]) {
      if (args[0] === '@azure/functions-core') return coreApi;
      return Reflect.apply(target, thisArg, args);
    },
  });
  return registry;
}
