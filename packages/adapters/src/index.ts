// The platform-neutral core every cloud adapter shares: load an unchanged Function App, route HTTP, run timers.
export { loadFunctionApp } from './function-app.ts';
export type { FunctionApp, FunctionDescription, HttpRoute, LoadFunctionAppOptions } from './function-app.ts';
export { dispatchHttp, isTextual, readBody } from './http-dispatch.ts';
export type { AdapterRequest, AdapterResponse } from './http-dispatch.ts';
export { runTimer, timerNames, UnknownTimerError } from './timer-dispatch.ts';
export type { TimerOutcome } from './timer-dispatch.ts';
