-- Distributed training runs (POST /api/training-runs): the run, its current epoch/step and phase, and one row per
-- work unit (a data-parallel shard, or a model-parallel block cell) of each step. Completion is counted here:
-- a unit counts once (state moves from 'queued' exactly once), and the step's reduce is claimed by one caller.
CREATE TABLE rec_training_runs (
  id uuid PRIMARY KEY,
  mode text NOT NULL CHECK (mode IN ('data', 'model')),
  workers integer NOT NULL CHECK (workers BETWEEN 1 AND 64),
  -- Steps per epoch: merge rounds (data), or the B strata of the DSGD schedule (model).
  steps integer NOT NULL CHECK (steps BETWEEN 1 AND 64),
  state text NOT NULL CHECK (state IN ('running', 'succeeded', 'failed')),
  phase text NOT NULL CHECK (phase IN ('working', 'reducing', 'done')),
  epoch integer NOT NULL DEFAULT 1,
  step integer NOT NULL DEFAULT 0,
  options jsonb NOT NULL,
  history jsonb NOT NULL DEFAULT '[]',
  result jsonb,
  error jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX rec_training_runs_created ON rec_training_runs (created_at DESC);
CREATE INDEX rec_training_runs_active ON rec_training_runs (updated_at) WHERE state = 'running';

CREATE TABLE rec_training_tasks (
  run_id uuid NOT NULL REFERENCES rec_training_runs (id) ON DELETE CASCADE,
  epoch integer NOT NULL,
  step integer NOT NULL,
  part integer NOT NULL,
  state text NOT NULL CHECK (state IN ('queued', 'done', 'skipped')),
  attempts integer NOT NULL DEFAULT 1,
  lease_until timestamptz NOT NULL,
  result jsonb,
  finished_at timestamptz,
  PRIMARY KEY (run_id, epoch, step, part)
);
CREATE INDEX rec_training_tasks_lease ON rec_training_tasks (lease_until) WHERE state = 'queued';
