// Which retrieval hits are plausible enough to offer beside an answer: as "Did you mean" choices, as the topics of
// a "not understood" reply, and as extra grounding for the LLM.
import type { RetrievalHit } from '../kb/faq-retriever.ts';
import type { IntentPrediction } from '../nlp/intent-classifier.ts';

/**
 * A hit is offered only when the classifier gives its intent at least this share of the top intent's
 * probability. Retrieval scores are relative to the best lexical match, so one shared word ("send" in "send money
 * abroad" and "sent card") lifts an unrelated intent to 0.7; the classifier ranks that intent nowhere near.
 * A quarter keeps real near-ties on the demo knowledge base ("how much is a transfer": spending limits 0.34,
 * account fees 0.31, transfer not received 0.09) and drops a card that has not arrived for "my transfer has
 * not arrived" (0.05 against 0.86).
 */
export const MIN_SHARE_OF_TOP = 0.25;

/**
 * The hits whose intent the classifier ranks among its best few, with at least {@link MIN_SHARE_OF_TOP} of
 * the top intent's probability. Order and scores are kept.
 * @example plausibleHits(retriever.search(message), classifier.predict(message))
 */
export function plausibleHits(
  hits: readonly RetrievalHit[],
  prediction: Pick<IntentPrediction, 'ranked'>,
): RetrievalHit[] {
  const top = prediction.ranked[0]?.confidence ?? 0;
  const probability = new Map(prediction.ranked.map((r) => [r.intent, r.confidence]));
  return hits.filter((h) => top > 0 && (probability.get(h.id) ?? 0) >= MIN_SHARE_OF_TOP * top);
}
