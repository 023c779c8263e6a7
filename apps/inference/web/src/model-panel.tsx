// The selected model's serving version: its inputs and outputs as the model declares them, and what its publisher
// attached (labels, preprocessing, metrics).
import type { ModelSummary } from './types.ts';
import { shapeText } from './signature-text.ts';

const valueText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

export function ModelPanel({ model }: { model: ModelSummary }) {
  const tensors = model.signature
    ? [
        ...model.signature.inputs.map((t) => ({ role: 'input', ...t })),
        ...model.signature.outputs.map((t) => ({ role: 'output', ...t })),
      ]
    : [];
  const metadata = Object.entries(model.metadata);
  return (
    <section class="panel" aria-labelledby="model-heading">
      <h2 id="model-heading">{model.name}</h2>
      <p class="muted">
        Serving <code>{model.serving ?? 'nothing'}</code>
        {model.pinned ? ' (pinned: an older version, not the latest)' : ' (the latest)'}.
        {model.signature && !model.signature.batchable && ' Fixed first dimension: requests are not batched.'}
      </p>
      <p class="muted">Signature (a name or ? in a shape: any size):</p>
      <table class="stacked" data-testid="signature">
        <thead>
          <tr>
            <th scope="col">Tensor</th>
            <th scope="col">Role</th>
            <th scope="col">Type</th>
            <th scope="col">Shape</th>
          </tr>
        </thead>
        <tbody>
          {tensors.map((t) => (
            <tr key={`${t.role}:${t.name}`}>
              <td>{t.name}</td>
              <td data-label="Role">{t.role}</td>
              <td data-label="Type">{t.datatype}</td>
              <td data-label="Shape">{shapeText(t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {metadata.length > 0 && (
        <dl class="metadata">
          {metadata.map(([key, value]) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd>{valueText(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
