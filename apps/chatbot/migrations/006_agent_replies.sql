-- Two-way handoff: an agent's reply is a turn of the conversation (source 'agent', its text in `reply`), written by
-- a named agent for a handoff. A reply id chosen by the agent's client makes a resent reply (a retry after a lost
-- answer) store once.
ALTER TABLE chat_turns
  ADD COLUMN agent      text,
  ADD COLUMN handoff_id bigint REFERENCES chat_handoffs (id),
  ADD COLUMN reply_id   text;
CREATE UNIQUE INDEX chat_turns_agent_reply ON chat_turns (handoff_id, reply_id) WHERE reply_id IS NOT NULL;
