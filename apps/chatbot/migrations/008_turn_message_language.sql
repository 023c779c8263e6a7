-- The language the customer's message was written in, declared by the knowledge base or not ("ja", "ko",
-- "und-Cyrl"), beside the language the turn was answered in: a Japanese message to a base without Japanese is
-- answered in another language with a line saying so, and this records what was asked in. NULL when the message
-- names no language (digits, emoji), on agent replies and on turns from before this migration.
ALTER TABLE chat_turns ADD COLUMN message_language text;
