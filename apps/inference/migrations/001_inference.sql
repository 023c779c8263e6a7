-- Pinned versions: a model named here serves this version instead of its latest (rollback); no row, the latest.
CREATE TABLE inference_pins (
  model_name text PRIMARY KEY,
  version    text NOT NULL,
  pinned_at  timestamptz NOT NULL DEFAULT now()
);
