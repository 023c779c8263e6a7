// Worker bootstrap: worker threads do not inherit the tsx loader, so register it before loading the TS worker
// (dev host, tests, benchmarks); the deploy bundle stubs the registration out and inlines the worker.
import { register } from 'tsx/esm/api';

register();
await import('./training-worker.ts');
