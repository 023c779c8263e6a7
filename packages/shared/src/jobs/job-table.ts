// The columns of a job table. Each app creates its own from a migration (apps/<app>/migrations/*_jobs.sql holds
// this text for its table); tests create one from here.

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
