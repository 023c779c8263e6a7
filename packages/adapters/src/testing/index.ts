// Test kits: the platforms' documented request events, and the Lambda runtime's streaming contract.
export { createAwsLambdaGlobal, invokeStreaming } from './lambda-streaming-runtime.ts';
export type { StreamedInvocation } from './lambda-streaming-runtime.ts';
export { toFcEvent, toLambdaEvent } from './platform-events.ts';
export type { PlainRequest } from './platform-events.ts';
export { startCloudTarget } from './cloud-targets.ts';
export type { CloudTarget, PlainResponse, RunningTarget, StartCloudTargetOptions } from './cloud-targets.ts';
