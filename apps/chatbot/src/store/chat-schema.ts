// Applies the chatbot's migrations once per database handle, from source or from the deploy bundle.
import { createSchemaGuard } from '@suite/shared/db';
import { jobTableMigration } from '@suite/shared/jobs';

// The job table's migration is generated from the one definition in @suite/shared/jobs.
const guard = createSchemaGuard({
  app: 'chatbot',
  from: import.meta.url,
  generated: [jobTableMigration('005_jobs.sql', 'chat_jobs')],
});

/** The app's migrations folder: apps/chatbot/migrations from source, <package>/migrations from dist/. */
export const findMigrationsDir = guard.migrationsDir;

/** Runs the migrations on `db` the first time it is used here; a failure is forgotten so the next call retries. */
export const ensureChatSchema = guard.ensure;
