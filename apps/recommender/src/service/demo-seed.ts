// SEED_DEMO=1 (what `suite-host --dev` sets): an empty database gets the project's own generated catalogue,
// users and ratings, then a first model, so a first `npm run dev` opens on something to look at. Never from the
// licensed data in ../shared/data, and never unless asked.
import { createDemoCatalogue } from '../data/demo-catalogue.ts';
import { hasRatings } from '../store/item-repository.ts';
import type { TrainOptionsInput } from '../training/train-options.ts';
import type { ImportKind, ImportReport } from './import-data.ts';
import type { ServiceContext } from './service-context.ts';

/** A quick first model: a few seconds on a busy laptop. */
const DEMO_TRAINING: TrainOptionsInput = { kind: 'fm', k: 8, epochs: 10 };

export interface DemoSeedDeps {
  ctx: ServiceContext;
  importRows: (kind: ImportKind, text: string) => Promise<ImportReport>;
  /** Starts a training job; resolves with its id once it is queued. */
  startTraining: (options: TrainOptionsInput) => Promise<{ id: string }>;
  log: (message: string) => void;
}

/** Seeds when no rating is stored; returns whether it did. */
export async function seedDemoIfEmpty(deps: DemoSeedDeps): Promise<boolean> {
  if (await hasRatings(deps.ctx.db)) return false;
  const started = performance.now();
  const demo = createDemoCatalogue();
  const rows = Array.from(demo.ratings.user, (user, r) => ({
    user,
    item: demo.ratings.item[r],
    rating: demo.ratings.rating[r],
    time: demo.ratings.time[r],
  }));
  await deps.importRows('users', JSON.stringify(demo.users));
  await deps.importRows('items', JSON.stringify(demo.items));
  const ratings = await deps.importRows('ratings', JSON.stringify(rows));
  deps.log(
    `demo data: ${demo.users.length} users, ${demo.items.length} titled items, ${ratings.inserted} ratings in ${Math.round(performance.now() - started)} ms (SEED_DEMO=1)`,
  );
  const job = await deps.startTraining(DEMO_TRAINING);
  deps.log(`demo data: training a first model, job ${job.id} (GET /api/jobs/${job.id})`);
  return true;
}
