-- Sessions are issued by the server: an unguessable id and a token whose SHA-256 alone is stored. Turns of
-- conversations from before this migration (client-chosen ids) have no row here: only an agent can read them,
-- and nobody can continue them.
CREATE TABLE chat_sessions (
  session_id text        PRIMARY KEY,
  token_hash bytea       NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
