// A :predict answer as a table: one row per instance, one column per output; a class index is shown with its label
// when the publisher attached `labels` to the version.
import { cellText } from './cell-text.ts';
import type { Signature } from './types.ts';

export interface PredictionTableProps {
  signature: Signature;
  predictions: unknown[];
  /** The serving version's metadata: its `labels` name class indices. */
  metadata: Record<string, unknown>;
}

export function PredictionTable({ signature, predictions, metadata }: PredictionTableProps) {
  const names = signature.outputs.map((o) => o.name);
  // One output: each prediction is that output's row; several: an object per row naming each output.
  const rows = predictions.map((p) =>
    names.length === 1 ? { [names[0]!]: p } : ((p ?? {}) as Record<string, unknown>),
  );
  return (
    <table class="stacked" data-testid="predictions">
      <thead>
        <tr>
          <th scope="col">Instance</th>
          {names.map((n) => (
            <th key={n} scope="col">
              {n}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            <td>#{i + 1}</td>
            {names.map((n) => (
              <td key={n} data-label={n} data-output={n} class="value-cell">
                {cellText(row[n], n.includes('label') ? metadata['labels'] : undefined)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
