// A turn decided from a message and the session's state, with no I/O: the server's chat path (chat-turn.ts) and
// the console's offline mode (src/edge/device-assistant.ts) both answer through it.
import type { FaqRetriever } from '../kb/faq-retriever.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { getLanguageEvidence } from '../kb/language-evidence.ts';
import type { IntentClassifier } from '../nlp/intent-classifier.ts';
import { detectMessageLanguage, tryDetectLanguage } from '../nlp/message-language.ts';
import type { ConversationState } from './conversation-state.ts';
import { decideTurn, looksLikeFollowUp, type Decision } from './dialogue-policy.ts';
import { notInLanguageNotice } from './policy-phrases.ts';

/** What deciding needs of the served assistant. */
export interface DecisionParts {
  classifier: IntentClassifier;
  retriever: FaqRetriever;
  kb: KnowledgeBase;
}

/**
 * The message that set the conversation's topic joined with this one, when this one reads like a follow-up of a
 * confident turn: the latest turn on `lastIntent` not itself answered as a follow-up ("新卡还没收到", not the
 * order number sent after it), else the previous turn.
 */
export function followUpText(state: ConversationState | undefined, message: string): string | undefined {
  if (!state?.lastIntent || !looksLikeFollowUp(message)) return undefined;
  const topic = state.recent.findLast((t) => t.intent === state.lastIntent && t.source !== 'follow_up');
  const previous = topic ?? state.recent.at(-1);
  return previous ? `${previous.message} ${message}` : undefined;
}

/**
 * The language of the message, else of the customer's latest message that names one (an order number or a
 * thumbs-up after Chinese is answered in Chinese), else the knowledge base's first. A message in a language the
 * knowledge base does not declare (Japanese to the demo) names none, so it is answered in the conversation's.
 */
export function conversationLanguage(
  kb: KnowledgeBase,
  message: string,
  state: ConversationState | undefined,
): string {
  const evidence = getLanguageEvidence(kb);
  const earlier = (state?.recent ?? []).map((t) => t.message).reverse();
  for (const text of [message, ...earlier]) {
    const language = tryDetectLanguage(text, kb.languages, evidence);
    if (language !== undefined) return language;
  }
  return kb.languages[0] ?? 'en';
}

/** A decided turn, the language it is answered in and the language its message is written in. */
export interface DecidedMessage {
  decision: Decision;
  /** The reply's language, one of the knowledge base's ({@link conversationLanguage}). */
  language: string;
  /**
   * The message's own language, declared or not ("ja", "ko", "und-Cyrl": see `detectMessageLanguage`); null when
   * the message names none (digits, emoji).
   */
  messageLanguage: string | null;
}

/**
 * Classify, detect the language, retrieve and decide. `embedding` is the message's sentence embedding and
 * `contextualEmbedding` that of {@link followUpText}, when a sentence encoder is configured. A message in a language
 * the knowledge base does not declare is not answered as if it were one it does: the reply, in the conversation's
 * language, opens with a line saying so (`notice`), naming the languages it speaks and a person.
 */
export function decideMessage(
  parts: DecisionParts,
  message: string,
  state: ConversationState | undefined,
  handoffAfterLowTurns: number,
  embedding?: Float32Array,
  contextualEmbedding?: Float32Array,
): DecidedMessage {
  const { classifier, retriever, kb } = parts;
  // The language first: the classifier calibrates a message with its language's temperature when it has one.
  const language = conversationLanguage(kb, message, state);
  const prediction = classifier.predict(message, embedding, language);
  const hits = retriever.search(message, { k: 3, embedding, language });
  const asked = detectMessageLanguage(message, kb.languages, getLanguageEvidence(kb));
  const undeclared = asked !== undefined && !asked.declared;
  // A message the classifier cannot read is no follow-up: joined with the topic it would get the topic's answer.
  const joined = undeclared ? undefined : followUpText(state, message);
  const contextual =
    joined === undefined ? undefined : classifier.predict(joined, contextualEmbedding, language);
  const decision = decideTurn({
    message,
    prediction,
    contextual,
    state,
    kb,
    hits,
    handoffAfterLowTurns,
    language,
  });
  const messageLanguage = asked?.language ?? null;
  // With an agent already on the conversation the reply only says so; the agent sees the message as written.
  if (!undeclared || state?.handedOff) return { decision, language, messageLanguage };
  const notice = notInLanguageNotice(asked.language, language, kb.languages);
  const reply = `${notice}${notice.endsWith('）') ? '' : ' '}${decision.reply}`;
  return { decision: { ...decision, reply, notice }, language, messageLanguage };
}
