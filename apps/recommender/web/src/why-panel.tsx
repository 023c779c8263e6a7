// Why an item is recommended: its predicted rating and ranking score, and the score's largest contributions
// (an FM's feature terms; for iALS, the rated items nearest it), as the API explains them.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, describeError } from '@suite/console/web/api.ts';
import type { Recommendation, RecommendedItem, ScoreResult } from './types.ts';

export interface WhyPanelProps {
  userId: number;
  item: RecommendedItem;
  title: string;
  /** How the list the item came from is ordered: a popularity list is not ranked by the model's score. */
  listSource: Recommendation['source'];
  /** Whether a model is published: without one there is no prediction to explain. */
  modelPublished: boolean;
  onClose(): void;
}

const signed = (x: number) => (x >= 0 ? `+${x.toFixed(3)}` : x.toFixed(3));

export function WhyPanel({ userId, item, title, listSource, modelPublished, onClose }: WhyPanelProps) {
  const [result, setResult] = useState<ScoreResult | undefined>();
  const [error, setError] = useState<string | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);
  // The panel opens below the whole list, a screen or more under the button on a phone: take the reader (and the
  // keyboard) to it, or pressing "Why?" seems to do nothing.
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, [item.itemId]);
  useEffect(() => {
    // Another item's answer, or its failure, is not this one's.
    setResult(undefined);
    setError(undefined);
    if (!modelPublished) return;
    let current = true;
    api<ScoreResult>(`/api/users/${userId}/items/${item.itemId}/score`)
      .then((answer) => current && setResult(answer))
      .catch((failure: unknown) => current && setError(describeError(failure)));
    return () => {
      current = false;
    };
  }, [userId, item.itemId, modelPublished]);
  const similarity = result !== undefined && result.intercept === undefined;
  return (
    <section class="panel" aria-labelledby="why-heading">
      <div class="row">
        <h2 id="why-heading" ref={heading} tabIndex={-1}>
          Why “{title}”
        </h2>
        <button type="button" class="secondary" onClick={onClose}>
          Close
        </button>
      </div>
      {error && <p class="error">{error}</p>}
      {listSource === 'popularity' && (
        // The list is the most rated items, not the model's choice: say so before what the model would predict.
        <p data-testid="why-popular">
          It is in this list because it is among the most rated items ({item.score}{' '}
          {item.score === 1 ? 'rating' : 'ratings'}): this list is ordered by popularity, not by the model.
        </p>
      )}
      {!modelPublished && (
        <p class="muted">No model is published yet, so there is no prediction to explain.</p>
      )}
      {result && (
        <p>
          {similarity ? 'Preference (iALS, 0 to 1)' : 'Predicted rating'}{' '}
          <strong>{result.score.toFixed(2)}</strong> ({result.source}); ranking score{' '}
          <strong>{result.rankingScore.toFixed(3)}</strong>
          {result.rankingBonus > 0 && ` including a popularity bonus of ${result.rankingBonus.toFixed(3)}`}.
        </p>
      )}
      {result && <p class="muted">{result.explanation}</p>}
      {result && result.contributions.length > 0 && (
        <table data-testid="why-contributions">
          <caption class="muted">
            {similarity ? 'Rated items nearest this one' : 'Largest contributions to the score'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Feature</th>
              <th scope="col">{similarity ? 'Cosine' : 'Contribution'}</th>
            </tr>
          </thead>
          <tbody>
            {result.contributions.map((c) => (
              <tr key={c.feature}>
                <td>
                  {c.feature}
                  {c.title ? ` “${c.title}”` : ''}
                </td>
                <td class={c.value >= 0 ? 'good' : 'error'}>{signed(c.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
