// The published models (GET /api/models), each with how many versions it has and what it takes and gives.
import type { ModelSummary } from './types.ts';
import { count } from '@suite/console/web/count.ts';
import { signatureText } from './signature-text.ts';

export interface ModelListProps {
  models: ModelSummary[] | undefined;
  error: string | undefined;
  selected: string | undefined;
  onSelect(name: string): void;
}

export function ModelList({ models, error, selected, onSelect }: ModelListProps) {
  return (
    <section class="panel" aria-labelledby="models-heading">
      <h2 id="models-heading">Models</h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!models && !error && <p class="muted">Loading…</p>}
      {models?.length === 0 && (
        <p class="muted">No model published yet: publish an .onnx file with the form on this page.</p>
      )}
      {models && models.length > 0 && (
        <ul class="plain">
          {models.map((m) => (
            <li key={m.name}>
              <button type="button" aria-pressed={m.name === selected} onClick={() => onSelect(m.name)}>
                <strong>{m.name}</strong>{' '}
                <span class="muted">
                  {count(m.versionCount, 'version')}
                  {m.pinned ? ', pinned' : ''}
                </span>
                {m.signature && <span class="signature">{signatureText(m.signature)}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
