// Worker bootstrap: worker threads do not inherit the tsx loader, so register it before loading the TS worker.
import { register } from 'tsx/esm/api';

register();
await import('./shard-worker.ts');
