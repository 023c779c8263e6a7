// Local dev host: supplies @azure/functions-core so unchanged app.http / app.timer / ... registrations run on node:http.
// The bin and deploy packages run the CLI through `@suite/host/cli`; everything else here is the host's own.
export { startHost } from './start-host.ts';
export type { StartHostOptions, RunningHost, HostedFunction, InvokeResult } from './start-host.ts';
export type { MasterKey } from './master-key.ts';
