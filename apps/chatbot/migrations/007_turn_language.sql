-- The language an assistant's turn was answered in (detected on the message with the knowledge base's vocabulary),
-- so a conversation read back after a reload is labelled as it was live. Turns from before this migration and an
-- agent's replies have none (NULL): a reader falls back to its own rule for them.
ALTER TABLE chat_turns ADD COLUMN language text;
