// One invocation, step for step as the Node.js worker runs it: programming model arguments, hooks, handler, response.
import { randomUUID } from 'node:crypto';
import type {
  CoreInvocationContext,
  CoreLogCategory,
  CoreLogLevel,
  CoreRegistry,
  HookName,
  RegisteredFunction,
  RpcInvocationRequest,
  RpcInvocationResponse,
} from './core-api.ts';
import { formatAppLog, getAppLogFormat, noteModelVersion } from './invocation-log.ts';

/** The outcome of one invocation: the handler's raw result (the hooks saw it too) and the worker response. */
export interface InvocationOutcome {
  invocationId: string;
  result: unknown;
  response: RpcInvocationResponse;
}

/** The trigger binding of a registered function: its binding name and lower-cased type. */
export function getTriggerBinding(fn: RegisteredFunction): {
  name: string;
  type: string;
  options: Record<string, unknown>;
} {
  for (const [name, binding] of Object.entries(fn.metadata.bindings)) {
    if (binding.type && /trigger$/i.test(binding.type)) {
      return { name, type: binding.type.toLowerCase(), options: binding };
    }
  }
  throw new Error(`Function "${fn.name}" has no trigger binding`);
}

/** Runs every callback registered for a hook, in order, awaiting each (as the worker's executeHooks does). */
export async function runHooks(
  registry: CoreRegistry,
  hook: HookName,
  context: Record<string, unknown>,
): Promise<void> {
  for (const callback of [...registry.hooks[hook]]) {
    await callback(context);
  }
}

function createCoreContext(
  registry: CoreRegistry,
  fn: RegisteredFunction,
  request: RpcInvocationRequest,
): CoreInvocationContext {
  const context: CoreInvocationContext = {
    invocationId: request.invocationId,
    request,
    metadata: fn.metadata,
    state: undefined,
    log(level: CoreLogLevel, category: CoreLogCategory, message: string) {
      if (category === 'user') {
        noteModelVersion(request.invocationId, message);
        const fields = { function: fn.name, invocationId: request.invocationId, level };
        registry.log(level, category, formatAppLog(message, fields, getAppLogFormat()));
      } else registry.log(level, category, message);
      for (const hook of registry.hooks.log) {
        hook({
          level,
          category,
          message,
          invocationContext: undefined,
          hookData: {},
          appHookData: registry.appHookData,
        });
      }
    },
  };
  return context;
}

/** Builds the invocation request skeleton the host sends for `fn` (the caller fills inputData and metadata). */
export function createInvocationRequest(
  fn: RegisteredFunction,
  init: Partial<Pick<RpcInvocationRequest, 'inputData' | 'triggerMetadata'>> = {},
): RpcInvocationRequest {
  const invocationId = randomUUID();
  const traceId = randomUUID().replace(/-/g, '');
  return {
    invocationId,
    functionId: fn.name,
    inputData: init.inputData ?? [],
    triggerMetadata: init.triggerMetadata ?? {},
    traceContext: { traceParent: `00-${traceId}-${traceId.slice(0, 16)}-01`, traceState: '', attributes: {} },
    retryContext: undefined,
  };
}

/**
 * Invokes `fn` through the registered programming model exactly like the worker's InvocationHandler:
 * getArguments -> preInvocation hooks (which may swap inputs or the handler) -> invokeFunction ->
 * postInvocation hooks (which see the result or error) -> rethrow the error -> getResponse.
 */
export async function runInvocation(
  registry: CoreRegistry,
  fn: RegisteredFunction,
  request: RpcInvocationRequest,
  onResult?: (result: unknown, error: unknown) => void,
): Promise<InvocationOutcome> {
  const model = registry.programmingModel;
  if (!model) throw new Error('The app registered no programming model (is @azure/functions installed?)');
  const coreContext = createCoreContext(registry, fn, request);
  const invocationModel = model.getInvocationModel(coreContext);
  const hookData: Record<string, unknown> = {};
  const { context, inputs } = await invocationModel.getArguments();

  const preContext = {
    hookData,
    appHookData: registry.appHookData,
    invocationContext: context,
    functionCallback: fn.callback,
    inputs,
  };
  coreContext.state = 'preInvocationHooks';
  try {
    await runHooks(registry, 'preInvocation', preContext);
  } finally {
    coreContext.state = undefined;
  }

  const postContext = {
    hookData,
    appHookData: registry.appHookData,
    invocationContext: context,
    inputs: preContext.inputs,
    result: null as unknown,
    error: null as unknown,
  };
  coreContext.state = 'invocation';
  try {
    postContext.result = await invocationModel.invokeFunction(
      context,
      preContext.inputs,
      preContext.functionCallback,
    );
  } catch (error) {
    postContext.error = error;
  } finally {
    coreContext.state = undefined;
  }

  coreContext.state = 'postInvocationHooks';
  try {
    await runHooks(registry, 'postInvocation', postContext);
  } finally {
    coreContext.state = undefined;
  }
  onResult?.(postContext.result, postContext.error);
  if (postContext.error !== null && postContext.error !== undefined) throw postContext.error;

  const response = await invocationModel.getResponse(context, postContext.result);
  await registry.routeOutputs?.(fn, response);
  return { invocationId: request.invocationId, result: postContext.result, response };
}
