// Test helpers: real database engines and a real Azurite, never mocks.
export { createTestDb, testEngines } from './test-db.ts';
export { startAzurite } from './azurite.ts';
export { startFreezableProxy, type FreezableProxy } from './freezable-proxy.ts';
