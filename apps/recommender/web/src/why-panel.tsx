// Why an item is recommended: its predicted rating, and its largest feature contributions once the API gives them.
import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '@suite/console/web/api.ts';
import type { RecommendedItem, ScoreResult } from './types.ts';

export interface WhyPanelProps {
  userId: number;
  item: RecommendedItem;
  title: string;
  onClose(): void;
}

export function WhyPanel({ userId, item, title, onClose }: WhyPanelProps) {
  const [result, setResult] = useState<ScoreResult | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    api<ScoreResult>(`/api/users/${userId}/items/${item.itemId}/score`)
      .then(setResult)
      .catch((failure: unknown) => setError(describeError(failure)));
  }, [userId, item.itemId]);
  const top = [...(result?.contributions ?? [])]
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
    .slice(0, 8);
  return (
    <section class="panel" aria-labelledby="why-heading">
      <div class="row">
        <h2 id="why-heading">Why “{title}”</h2>
        <button type="button" class="secondary" onClick={onClose}>
          Close
        </button>
      </div>
      {error && <p class="error">{error}</p>}
      {result && (
        <p>
          Predicted rating <strong>{result.score.toFixed(2)}</strong>
          {result.source ? ` (${result.source})` : ''}.
        </p>
      )}
      {result && top.length === 0 && (
        <p class="muted">
          This version of the API gives the predicted rating only; the features behind it (user, item, genre,
          age…) show here once it reports their contributions.
        </p>
      )}
      {top.length > 0 && (
        <table>
          <caption class="muted">Largest contributions to the score</caption>
          <thead>
            <tr>
              <th scope="col">Feature</th>
              <th scope="col">Contribution</th>
            </tr>
          </thead>
          <tbody>
            {top.map((c) => (
              <tr key={c.feature}>
                <td>{c.feature}</td>
                <td class={c.value >= 0 ? 'good' : 'error'}>
                  {c.value >= 0 ? `+${c.value.toFixed(3)}` : c.value.toFixed(3)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
