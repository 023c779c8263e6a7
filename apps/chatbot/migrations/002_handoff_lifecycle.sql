-- Handoff lifecycle: an agent claims and resolves a handoff; a session can be handed off again after resolution,
-- so handoffs get their own id and only one unresolved handoff per session is allowed.
ALTER TABLE chat_handoffs DROP CONSTRAINT chat_handoffs_status_check;
UPDATE chat_handoffs SET status = 'resolved' WHERE status = 'closed';
ALTER TABLE chat_handoffs ADD CONSTRAINT chat_handoffs_status_check CHECK (status IN ('open', 'claimed', 'resolved'));
ALTER TABLE chat_handoffs DROP CONSTRAINT chat_handoffs_pkey;
ALTER TABLE chat_handoffs ADD COLUMN id bigserial PRIMARY KEY;
ALTER TABLE chat_handoffs
  ADD COLUMN claimed_by      text,
  ADD COLUMN claimed_at      timestamptz,
  ADD COLUMN resolved_by     text,
  ADD COLUMN resolved_at     timestamptz,
  ADD COLUMN resolution_note text,
  -- Last turn of the session when it was resolved: a turn already in flight then must not reopen it.
  ADD COLUMN resolved_turn   integer;
CREATE UNIQUE INDEX chat_handoffs_active ON chat_handoffs (session_id) WHERE status <> 'resolved';
CREATE INDEX chat_handoffs_session ON chat_handoffs (session_id, id);
