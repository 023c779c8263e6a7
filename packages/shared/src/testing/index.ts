// Test kits the apps' tests use: real database engines, never mocks. (Azurite is started by this package's own
// blob tests from ./azurite.ts.)
export { createTestDb, testEngines } from './test-db.ts';
export { startFreezableProxy, type FreezableProxy } from './freezable-proxy.ts';
export {
  fuzzRequests,
  type FuzzOptions,
  type FuzzReport,
  type FuzzFinding,
  type FuzzRoute,
} from './fuzz-requests.ts';
export { fuzzApp, type FuzzAppOptions, type FuzzAppReport } from './fuzz-app.ts';
