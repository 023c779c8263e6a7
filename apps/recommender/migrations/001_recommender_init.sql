-- Recommender schema: users and items with side features, ratings (one per user and item), raw events,
-- and the batch top-K table served when no model is loaded.
CREATE TABLE IF NOT EXISTS rec_users (
  id integer PRIMARY KEY,
  age integer CHECK (age IS NULL OR (age >= 0 AND age <= 130)),
  gender text CHECK (gender IS NULL OR gender IN ('M', 'F')),
  occupation text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS rec_items (
  id integer PRIMARY KEY,
  title text,
  genres text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Idempotent import: the newest rating of a (user, item) pair wins; re-sending a file changes nothing.
CREATE TABLE IF NOT EXISTS rec_ratings (
  user_id integer NOT NULL,
  item_id integer NOT NULL,
  rating real NOT NULL CHECK (rating >= 1 AND rating <= 5),
  rated_at timestamptz NOT NULL,
  source text NOT NULL DEFAULT 'import',
  PRIMARY KEY (user_id, item_id)
);
CREATE INDEX IF NOT EXISTS rec_ratings_item_idx ON rec_ratings (item_id);
CREATE INDEX IF NOT EXISTS rec_ratings_time_idx ON rec_ratings (rated_at);

CREATE TABLE IF NOT EXISTS rec_events (
  id bigserial PRIMARY KEY,
  event_id text UNIQUE,
  user_id integer NOT NULL,
  item_id integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('rating', 'click')),
  value real,
  occurred_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  model_version text
);
CREATE INDEX IF NOT EXISTS rec_events_user_idx ON rec_events (user_id, occurred_at);

CREATE TABLE IF NOT EXISTS rec_batch_recommendations (
  user_id integer PRIMARY KEY,
  model_version text NOT NULL,
  items jsonb NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now()
);
