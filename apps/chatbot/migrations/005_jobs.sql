-- Training jobs (POST /api/train answers 202 with one): any instance reads them; at most one is queued or running.
-- The same columns as @suite/shared/jobs' jobTableSql('chat_jobs').
CREATE TABLE chat_jobs (
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
CREATE UNIQUE INDEX chat_jobs_one_active ON chat_jobs ((true)) WHERE state IN ('queued', 'running');
CREATE INDEX chat_jobs_created ON chat_jobs (created_at DESC);
