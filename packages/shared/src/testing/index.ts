// Test kits the apps' tests use: real database engines and a real Azurite (blob + queue), never mocks.
export { createTestDb, testEngines } from './test-db.ts';
export { startAzurite, azuriteConnectionString, type AzuriteHandle, type AzuriteOptions } from './azurite.ts';
export { startFreezableProxy, type FreezableProxy } from './freezable-proxy.ts';
export { holdPublishes, type HeldPublishes } from './held-publishes.ts';
export {
  fuzzRequests,
  type FuzzOptions,
  type FuzzReport,
  type FuzzFinding,
  type FuzzRoute,
} from './fuzz-requests.ts';
export { fuzzApp, type FuzzAppOptions, type FuzzAppReport } from './fuzz-app.ts';
export { captureMetrics, type CapturedPoint, type MetricsCapture } from './metrics-capture.ts';
export { healthModels } from './health-models.ts';
export { overwriteFsLatestPointer } from './fs-pointer-damage.ts';
export { undocumentedSettings } from './settings-documented.ts';
