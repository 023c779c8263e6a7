// Applies the recommender's migrations once per database handle, from source or from the deploy bundle.
import { createSchemaGuard } from '@suite/shared/db';
import { jobTableMigration } from '@suite/shared/jobs';

// The job table's migration is generated from the one definition in @suite/shared/jobs.
const guard = createSchemaGuard({
  app: 'recommender',
  from: import.meta.url,
  generated: [jobTableMigration('002_jobs.sql', 'rec_jobs')],
});

/** apps/recommender/migrations from source, <package>/migrations from dist/. */
export const findMigrationsDir = guard.migrationsDir;

/** Runs the migrations on `db` once; a failure is forgotten so the next call retries. */
export const ensureRecommenderSchema = guard.ensure;
