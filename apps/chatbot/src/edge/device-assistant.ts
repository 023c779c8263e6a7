// The chatbot answering on the device: the served classifier and knowledge base from an EdgeBundle, and the
// same decision and state rules the server applies (decide-message.ts, conversation-state.ts). Template answers
// only: the LLM path and the handoff queue need the server. Nothing here touches the network.
import { applyTurn, type ConversationState, type HandoffReason } from '../conversation/conversation-state.ts';
import { decideMessage, type DecisionParts } from '../conversation/decide-message.ts';
import { createFaqRetriever } from '../kb/faq-retriever.ts';
import { localizedIntent, parseKnowledgeBase } from '../kb/knowledge-base.ts';
import { decodeClassifier } from '../nlp/classifier-artifact.ts';
import { fromBase64, type EdgeBundle } from './edge-bundle.ts';

/** The fields of the server's chat reply that do not depend on the session store. */
export interface DeviceReply {
  turn: number;
  reply: string;
  intent: string | null;
  confidence: number;
  outOfScope: boolean;
  source: string;
  followUpOf: string | null;
  kbEntries: Array<{ id: string; title: string }>;
  language: string;
  messageLanguage: string | null;
  handedOff: boolean;
  handoffReason: HandoffReason | null;
  modelVersion: string;
}

export interface DeviceAssistant {
  readonly modelVersion: string;
  answer(message: string): DeviceReply;
}

export function createDeviceAssistant(bundle: EdgeBundle, sessionId = 'device'): DeviceAssistant {
  const kb = parseKnowledgeBase(bundle.knowledgeBase);
  const parts: DecisionParts = {
    kb,
    classifier: decodeClassifier(fromBase64(bundle.classifier)),
    retriever: createFaqRetriever(kb),
  };
  let state: ConversationState | undefined;
  return {
    modelVersion: bundle.modelVersion,
    answer(message) {
      const { decision, language, messageLanguage } = decideMessage(
        parts,
        message,
        state,
        bundle.handoffAfterLowTurns,
      );
      state = applyTurn(
        state,
        sessionId,
        {
          message,
          reply: decision.reply,
          intent: decision.intent,
          confidence: decision.confidence,
          source: decision.source,
          lowConfidence: decision.lowConfidence,
          requestedHuman: decision.requestedHuman,
        },
        bundle.handoffAfterLowTurns,
        new Date(),
      );
      const answered = state;
      // No person takes a conversation over on the device: after a handoff turn (said as the server says it)
      // the assistant answers the next message, as after an agent resolves the handoff (handoff-actions.ts).
      // Kept handed off, every later message got "A support agent has this conversation..." from nobody.
      if (state.handedOff)
        state = { ...state, handedOff: false, handoffReason: null, lowConfidenceStreak: 0 };
      return {
        turn: answered.turnCount,
        reply: decision.reply,
        intent: decision.intent,
        confidence: decision.confidence,
        outOfScope: decision.outOfScope,
        source: decision.source,
        followUpOf: decision.followUpOf,
        kbEntries: decision.entries.map((e) => ({ id: e.id, title: localizedIntent(e, language).title })),
        language,
        messageLanguage,
        handedOff: answered.handedOff,
        handoffReason: answered.handoffReason,
        modelVersion: bundle.modelVersion,
      };
    },
  };
}
