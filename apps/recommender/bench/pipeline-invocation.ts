// One stage invocation in a process of its own, so its peak memory (maxRSS) is the invocation's: used by
// pipeline-scale.ts. Usage: tsx bench/pipeline-invocation.ts <stage|noop> <run> <chunk>
import { getDb } from '@suite/shared/db';
import { createFsModelStore } from '@suite/shared/models';
import type { Stage } from '../src/pipeline/pipeline-storage.ts';
import { createPipelines } from '../src/service/pipelines.ts';

const [stage, run, chunk] = process.argv.slice(2);
const pipelines = createPipelines({
  db: getDb(),
  store: () => createFsModelStore(process.env.MODEL_DIR!),
  log: () => {},
});
const started = performance.now();
const cpu = process.cpuUsage();
if (stage !== 'noop') await pipelines.handle(stage as Stage, { run: run!, chunk: Number(chunk) }, 1);
const used = process.cpuUsage(cpu);
console.log(
  JSON.stringify({
    stage,
    chunk: Number(chunk),
    ms: performance.now() - started,
    cpuMs: (used.user + used.system) / 1000,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
await getDb().close();
