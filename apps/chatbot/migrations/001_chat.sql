-- Chatbot schema: every answered turn, feedback on turns, and conversations handed to a person.
CREATE TABLE chat_turns (
  session_id   text        NOT NULL,
  turn         integer     NOT NULL,
  message      text        NOT NULL,
  reply        text        NOT NULL,
  intent       text,
  confidence   real        NOT NULL,
  out_of_scope boolean     NOT NULL,
  source       text        NOT NULL,
  kb_entries   jsonb       NOT NULL DEFAULT '[]'::jsonb,
  handed_off   boolean     NOT NULL,
  model_version text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, turn)
);

CREATE TABLE chat_feedback (
  id          bigserial   PRIMARY KEY,
  session_id  text        NOT NULL,
  turn        integer     NOT NULL,
  message     text        NOT NULL,
  predicted   text,
  intent      text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (session_id, turn) REFERENCES chat_turns (session_id, turn) ON DELETE CASCADE
);
CREATE INDEX chat_feedback_turn ON chat_feedback (session_id, turn);

CREATE TABLE chat_handoffs (
  session_id   text        PRIMARY KEY,
  reason       text        NOT NULL CHECK (reason IN ('requested', 'low_confidence')),
  status       text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  turn         integer     NOT NULL,
  last_message text        NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chat_handoffs_open ON chat_handoffs (status, created_at);
