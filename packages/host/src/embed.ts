// The pieces another host built on this one reuses (the cloud adapters in @suite/adapters): the injected core
// module, invocations step for step as the worker runs them, route templates, and non-HTTP trigger inputs.
export { ensureCoreApiInstalled } from './core-api.ts';
export type { CoreRegistry, RegisteredFunction } from './core-api.ts';
export { getTriggerBinding, runHooks, runInvocation } from './run-invocation.ts';
export { compileHttpRoutes, matchHttpRoute, type HttpRoute } from './http-routes.ts';
export { REQUEST_ID_HEADER, requestIdFrom, routerProblem } from './router-problem.ts';
export { createTriggerRequest } from './trigger-input.ts';
export { applyLocalSettings, findAppDirectory, readJsonFile } from './app-directory.ts';
