// The columns of a job table, written once: each app's migration of its job table is generated from here
// (jobTableMigration, passed to its schema guard), and tests create tables from jobTableSql.

/** The DDL of a job table named `table`: one row per job, and at most one queued or running job. */
export function jobTableSql(table: string): string {
  return `CREATE TABLE ${table} (
  id uuid PRIMARY KEY,
  kind text NOT NULL,
  state text NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  params jsonb NOT NULL DEFAULT '{}',
  progress double precision NOT NULL DEFAULT 0,
  history jsonb NOT NULL DEFAULT '[]',
  result jsonb,
  error jsonb,
  cancel_requested boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ${table}_one_active ON ${table} ((true)) WHERE state IN ('queued', 'running');
CREATE INDEX ${table}_created ON ${table} (created_at DESC);
`;
}

/**
 * An app's migration creating its job table, for `createSchemaGuard({ generated: [...] })`. The text, header
 * included, is exactly what apps/chatbot/migrations/005_jobs.sql and apps/recommender/migrations/002_jobs.sql held,
 * so databases that applied those files find the same checksum; changing it is changing an applied migration.
 * @example createSchemaGuard({ app: 'chatbot', from: import.meta.url, generated: [jobTableMigration('005_jobs.sql', 'chat_jobs')] })
 */
export function jobTableMigration(name: string, table: string): { name: string; sql: string } {
  const header =
    '-- Training jobs (POST /api/train answers 202 with one): any instance reads them; at most one is queued or running.\n' +
    `-- The same columns as @suite/shared/jobs' jobTableSql('${table}').\n`;
  return { name, sql: header + jobTableSql(table) };
}
