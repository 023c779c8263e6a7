// Applies the inference app's migrations once per database handle, from source or from the deploy bundle.
import { createSchemaGuard } from '@suite/shared/db';

const guard = createSchemaGuard({ app: 'inference', from: import.meta.url });

/** apps/inference/migrations from source, <package>/migrations from dist/. */
export const findMigrationsDir = guard.migrationsDir;

/** Runs the migrations on `db` the first time it is used here; a failure is forgotten so the next call retries. */
export const ensureInferenceSchema = guard.ensure;
