// Decides a turn: which intent answers, whether it is a follow-up, out of scope, or a request for a person.
import type { IntentPrediction } from '../nlp/intent-classifier.ts';
import { cleanText, tokenize } from '../nlp/text-cleaning.ts';
import {
  HUMAN_AGENT_INTENT,
  localizedIntent,
  type KnowledgeBase,
  type KnowledgeBaseIntent,
} from '../kb/knowledge-base.ts';
import { isBareFollowUp } from './follow-up-cues.ts';
import { phrasesFor } from './policy-phrases.ts';
import { plausibleHits } from './plausible-hits.ts';
import { namesOtherIntent } from './topic-words.ts';
import type { RetrievalHit } from '../kb/faq-retriever.ts';
import type { AnswerSource, ConversationState } from './conversation-state.ts';

export interface PolicyInput {
  message: string;
  prediction: IntentPrediction;
  /** Prediction for the previous user message joined with this one (only computed for follow-up candidates). */
  contextual?: IntentPrediction;
  state: ConversationState | undefined;
  kb: KnowledgeBase;
  hits: RetrievalHit[];
  handoffAfterLowTurns: number;
  /** Reply language, one of the knowledge base's (detected from the message); default its first. */
  language?: string;
}

export interface Decision {
  intent: string | null;
  confidence: number;
  outOfScope: boolean;
  /** The template reply (an LLM may rephrase it from the same entries). */
  reply: string;
  source: AnswerSource;
  /** Knowledge-base entries the reply rests on, most relevant first. */
  entries: KnowledgeBaseIntent[];
  lowConfidence: boolean;
  requestedHuman: boolean;
  /** Set when the reply resolved against the previous turn's intent. */
  followUpOf: string | null;
  /**
   * The line that opens `reply` when the message is in a language the knowledge base does not declare (set by
   * `decideMessage`); such a reply is the template's, never an LLM's rewording.
   */
  notice?: string;
}

// Explicit asks for a person, caught even when the classifier hesitates: English, Chinese (a bare "人工" is how
// customers of Chinese support lines ask), Spanish (accent-folded, as messages are cleaned). A bare "persona" or
// "person" is such an ask too: the classifier knows the word from "la persona equivocada" (a transfer to cancel)
// and answered "persona" alone with that, confidently.
const HUMAN_REQUEST =
  /\b(human|real person|a person|agent|representative|operator|someone real|speak to someone|talk to someone|staff member)\b|^person$|转人工|人工客服|人工服务|^人工$|真人|客服人员|\b(humano|persona real|una persona|agente|operador|hablar con alguien)\b|^persona$/;
// Openings and pronouns that lean on what was said before.
const FOLLOW_UP_CUE =
  /^(and|also|but|so|then|what about|how about|and what|ok and|what if)\b|\b(it|that|this|those|them|there|one)\b/;
// Fragments this short ("express?", "and abroad") only make sense against the previous turn.
const FRAGMENT_WORDS = 4;
const MAX_FOLLOW_UP_WORDS = 10;
const UNGROUNDED_MIN_CONFIDENCE = 0.7;

/** True when a message reads like it continues the previous turn. */
export function looksLikeFollowUp(message: string): boolean {
  const cleaned = cleanText(message);
  const words = tokenize(cleaned).length;
  return (
    words > 0 && (words <= FRAGMENT_WORDS || (words <= MAX_FOLLOW_UP_WORDS && FOLLOW_UP_CUE.test(cleaned)))
  );
}

// Keywords match whole words, compared as word sequences: Chinese is written without spaces, so "那加急呢"
// holds the keyword 加急 only once the segmenter has split it into 那 / 加急 / 呢.
const asWords = (text: string) => ` ${tokenize(cleanText(text)).join(' ')} `;

/** The answer of the first follow-up whose keyword the message holds, one in the reply's language first. */
function followUpAnswer(
  intent: KnowledgeBaseIntent | undefined,
  message: string,
  language: string,
  kb: KnowledgeBase,
): string | undefined {
  const words = asWords(message);
  const matching = intent?.followUps?.filter((f) => f.keywords.some((k) => words.includes(asWords(k)))) ?? [];
  return (matching.find((f) => (f.language ?? kb.languages[0]) === language) ?? matching[0])?.answer;
}

function entriesFor(kb: KnowledgeBase, first: string | null, hits: RetrievalHit[]): KnowledgeBaseIntent[] {
  const ids = [
    ...new Set([...(first ? [first] : []), ...hits.filter((h) => h.score >= 0.5).map((h) => h.id)]),
  ].slice(0, 3);
  return ids
    .map((id) => kb.intents.find((i) => i.id === id))
    .filter((i): i is KnowledgeBaseIntent => i !== undefined);
}

function handoffReply(kb: KnowledgeBase, reason: 'requested' | 'low_confidence', language: string): string {
  const intent = kb.intents.find((i) => i.id === HUMAN_AGENT_INTENT);
  const human = intent === undefined ? undefined : localizedIntent(intent, language).answer;
  const phrases = phrasesFor(language);
  if (reason === 'requested') return human ?? phrases.handingOff;
  return phrases.sorry(human ?? phrases.agentWillTakeOver);
}

/**
 * The policy, in order: already with an agent -> say so; a request for a person -> hand off; a follow-up
 * that matches the previous intent's follow-ups (or is only clear together with the previous message) ->
 * answer it; a confident intent -> its answer; otherwise out of scope, handing off after repeated misses.
 */
export function decideTurn(input: PolicyInput): Decision {
  const { message, contextual, state, kb } = input;
  const language = input.language ?? kb.languages[0] ?? 'en';
  const answerOf = (intent: KnowledgeBaseIntent) => localizedIntent(intent, language).answer;
  const byId = (id: string | null) => (id === null ? undefined : kb.intents.find((i) => i.id === id));
  // Char n-grams find some match for anything ("quantum marmalade"); when not one word of the message occurs in
  // the knowledge base, only a clearly confident prediction (a typo of a known phrase) is trusted.
  const ungrounded = input.hits.length === 0 && input.prediction.confidence < UNGROUNDED_MIN_CONFIDENCE;
  // Only hits the classifier also finds plausible are named beside the answer (see plausible-hits.ts).
  const hits = plausibleHits(input.hits, input.prediction);
  const prediction = ungrounded ? { ...input.prediction, outOfScope: true } : input.prediction;
  const base = {
    confidence: prediction.confidence,
    outOfScope: prediction.outOfScope,
    followUpOf: null,
    requestedHuman: false,
    lowConfidence: false,
  };

  if (state?.handedOff) {
    return {
      ...base,
      intent: prediction.outOfScope ? null : prediction.intent,
      source: 'handoff',
      entries: [],
      reply: phrasesFor(language).withAgent,
    };
  }

  const cleaned = cleanText(message);
  const requestedHuman =
    (!prediction.outOfScope && prediction.intent === HUMAN_AGENT_INTENT) || HUMAN_REQUEST.test(cleaned);
  if (requestedHuman) {
    // Asking for a person is a request the assistant serves (it offers the handoff), whatever the classifier's
    // confidence in the words: never out of scope.
    return {
      ...base,
      outOfScope: false,
      intent: HUMAN_AGENT_INTENT,
      requestedHuman: true,
      source: 'handoff',
      entries: entriesFor(kb, HUMAN_AGENT_INTENT, []),
      reply: handoffReply(kb, 'requested', language),
    };
  }

  const previous = byId(state?.lastIntent ?? null);
  if (previous && looksLikeFollowUp(message)) {
    // A confident different intent is a change of topic, not a follow-up, unless the message says nothing but a
    // follow-up keyword of the topic and cue words ("海外呢", "¿y al extranjero?"): the classifier then only read
    // the keyword alone (海外 as exchange rates, extranjero as cash abroad). So is a message holding a word only other
    // intents write, however unsure the classifier is ("what about international transfers?" after a card).
    const keywords = previous.followUps?.flatMap((f) => f.keywords) ?? [];
    const elsewhere = prediction.intent !== previous.id && namesOtherIntent(message, previous, kb);
    const sameTopic =
      prediction.intent === previous.id ||
      (!elsewhere &&
        (prediction.outOfScope || prediction.confidence < 0.6 || isBareFollowUp(message, keywords)));
    const specific = sameTopic ? followUpAnswer(previous, message, language, kb) : undefined;
    if (specific !== undefined) {
      // The classifier's confidence in the topic, from the message alone or read with the topic's message.
      const inTopic = [prediction, contextual].map(
        (p) => p?.ranked.find((r) => r.intent === previous.id)?.confidence ?? 0,
      );
      return {
        ...base,
        intent: previous.id,
        confidence: Math.max(...inTopic) || Math.max(prediction.confidence, contextual?.confidence ?? 0),
        outOfScope: false,
        source: 'follow_up',
        followUpOf: previous.id,
        entries: entriesFor(kb, previous.id, []),
        reply: specific,
      };
    }
    // Read with the topic's message, a message naming another intent would only get the topic back.
    const context = elsewhere && contextual?.intent === previous.id ? undefined : contextual;
    if (prediction.outOfScope && context && !context.outOfScope) {
      const intent = byId(context.intent);
      if (intent) {
        return {
          ...base,
          intent: intent.id,
          confidence: context.confidence,
          outOfScope: false,
          source: 'follow_up',
          followUpOf: previous.id,
          entries: entriesFor(kb, intent.id, hits),
          reply: answerOf(intent),
        };
      }
    }
  }

  const intent = prediction.outOfScope ? undefined : byId(prediction.intent);
  if (intent) {
    return {
      ...base,
      intent: intent.id,
      source: 'template',
      entries: entriesFor(kb, intent.id, hits),
      reply: answerOf(intent),
    };
  }

  const streak = (state?.lowConfidenceStreak ?? 0) + 1;
  if (streak >= input.handoffAfterLowTurns) {
    return {
      ...base,
      intent: null,
      lowConfidence: true,
      source: 'handoff',
      entries: entriesFor(kb, null, hits),
      reply: handoffReply(kb, 'low_confidence', language),
    };
  }
  const topics = hits
    .slice(0, 2)
    .map((h) => byId(h.id))
    .filter((i): i is KnowledgeBaseIntent => i !== undefined)
    .map((i) => localizedIntent(i, language).title);
  return {
    ...base,
    intent: null,
    lowConfidence: true,
    source: 'out_of_scope',
    entries: entriesFor(kb, null, hits),
    reply: phrasesFor(language).notUnderstood(topics),
  };
}
