-- Feedback is a suggestion until an admin approves it: only approved feedback reaches a trained model. One
-- feedback per turn is enforced by a unique index (two simultaneous requests cannot both insert).
-- Rows from before this migration were applied unreviewed; they start over as pending suggestions.
DELETE FROM chat_feedback f USING chat_feedback g
 WHERE f.session_id = g.session_id AND f.turn = g.turn AND f.id > g.id;
DROP INDEX chat_feedback_turn;
CREATE UNIQUE INDEX chat_feedback_one_per_turn ON chat_feedback (session_id, turn);
ALTER TABLE chat_feedback
  ADD COLUMN status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  ADD COLUMN reviewed_by text,
  ADD COLUMN reviewed_at timestamptz;
CREATE INDEX chat_feedback_status ON chat_feedback (status, id);
