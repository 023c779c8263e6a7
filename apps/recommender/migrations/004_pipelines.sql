-- Pipeline runs (POST /api/pipelines): a rating file in Blob flows through split -> clean -> features -> train ->
-- evaluate -> publish, one queue message per chunk and stage. A chunk's counts are written once, keyed by
-- (run, stage, chunk), in the same transaction as the stage's database effects, so a message delivered twice or
-- a crash mid-chunk never counts a row twice or loses one.
CREATE TABLE rec_pipeline_runs (
  id uuid PRIMARY KEY,
  blob text NOT NULL,
  format text NOT NULL,
  options jsonb NOT NULL DEFAULT '{}',
  state text NOT NULL CHECK (state IN ('running', 'succeeded', 'failed')),
  -- Known once the split has read the whole file.
  chunks integer,
  error text,
  model_version text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX rec_pipeline_runs_created ON rec_pipeline_runs (created_at DESC);

CREATE TABLE rec_pipeline_chunks (
  run_id uuid NOT NULL REFERENCES rec_pipeline_runs (id) ON DELETE CASCADE,
  stage text NOT NULL CHECK (stage IN ('split', 'clean', 'features', 'train', 'evaluate', 'publish')),
  chunk integer NOT NULL,
  rows_in bigint NOT NULL,
  rejected bigint NOT NULL DEFAULT 0,
  -- Reason -> count of the rejected rows, and a few examples with their line numbers.
  reasons jsonb NOT NULL DEFAULT '{}',
  examples jsonb NOT NULL DEFAULT '[]',
  written bigint NOT NULL,
  -- Stage-specific sums: squared error and count of held-out rows (evaluate), upsert counts (clean).
  extra jsonb NOT NULL DEFAULT '{}',
  attempts integer NOT NULL DEFAULT 1,
  duration_ms double precision NOT NULL DEFAULT 0,
  finished_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, stage, chunk)
);

-- Failed attempts (retried by the queue) and chunks the queue gave up on (its poison queue).
CREATE TABLE rec_pipeline_failures (
  run_id uuid NOT NULL REFERENCES rec_pipeline_runs (id) ON DELETE CASCADE,
  stage text NOT NULL,
  chunk integer NOT NULL,
  attempts integer NOT NULL,
  poisoned boolean NOT NULL DEFAULT false,
  error text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, stage, chunk)
);
