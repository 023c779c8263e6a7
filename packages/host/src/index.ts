// Local dev host: supplies @azure/functions-core so unchanged app.http / app.timer / ... registrations run on node:http.
export { startHost } from './start-host.ts';
export type { StartHostOptions, RunningHost, HostedFunction, InvokeResult } from './start-host.ts';
export { parseHostArgs, runHostCli } from './cli.ts';
export { compileRoute } from './route-template.ts';
export type { RouteTemplate } from './route-template.ts';
export { parseTimerSchedule } from './timer-schedule.ts';
export type { TimerSchedule } from './timer-schedule.ts';
export { ensureCoreApiInstalled, getCoreRegistry } from './core-api.ts';
