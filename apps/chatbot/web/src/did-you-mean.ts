// The "Did you mean" choices under an answer: the other topics its knowledge-base entries name, when the answer
// was unsure, never the intent it answered and never on a turn handed to a person.
import type { ChatMessage, KbEntry } from './types.ts';

/** Below this confidence the top candidates are offered as choices (the app's own default minimum is 0.5). */
export const CHOICES_BELOW = 0.5;
/** How many choices at most. */
export const MAX_CHOICES = 3;

/**
 * The choices to offer under an assistant's answer. The server lists the entries the reply rests on
 * (`kbEntries`), the answered intent first; choosing that one again would only repeat the answer, and once a
 * person has the conversation the bot answers nothing, so a choice there would lead nowhere.
 * @example didYouMean({ intent: 'card_lost', confidence: 0.4, kbEntries }) // kbEntries without card_lost
 */
export function didYouMean(
  message: Pick<
    ChatMessage,
    'intent' | 'confidence' | 'outOfScope' | 'kbEntries' | 'handedOff' | 'streaming'
  >,
): KbEntry[] {
  const unsure =
    message.outOfScope === true || (message.confidence !== undefined && message.confidence < CHOICES_BELOW);
  if (!unsure || message.streaming || message.handedOff) return [];
  return (message.kbEntries ?? []).filter((entry) => entry.id !== message.intent).slice(0, MAX_CHOICES);
}
