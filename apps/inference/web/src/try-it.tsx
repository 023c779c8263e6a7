// "Try it": a :predict request for the serving version, typed as the API takes it (`instances`, prefilled with a
// row of zeros that fits the signature), and its answer as a table; a refused request shows the problem it got.
import { useState } from 'preact/hooks';
import { api, describeError, problemText } from '@suite/console/web/api.ts';

import { PredictionTable } from './prediction-table.tsx';
import { exampleInstances } from './signature-text.ts';
import type { ModelSummary, PredictAnswer } from './types.ts';

/** The typed text as the `instances` array, or why it is not one (checked here: the API would say the same). */
function parseInstances(text: string): unknown[] | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return `Instances: not valid JSON (${describeError(error)}).`;
  }
  if (!Array.isArray(parsed) || parsed.length === 0)
    return 'Instances: a JSON array with at least one instance, e.g. [[5.1, 3.5, 1.4, 0.2]].';
  return parsed;
}

export function TryIt({ model }: { model: ModelSummary }) {
  const signature = model.signature;
  // The publisher's own example (metadata `example`, an instances array) when there is one, else zeros that fit.
  const [text, setText] = useState(() => {
    const given = model.metadata['example'];
    if (Array.isArray(given) && given.length > 0) return JSON.stringify(given);
    return signature ? exampleInstances(signature) : '[]';
  });
  const [answer, setAnswer] = useState<PredictAnswer | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  if (!signature) return null;
  const many = signature.inputs.length > 1;

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError(undefined);
    const instances = parseInstances(text);
    if (typeof instances === 'string') {
      setAnswer(undefined);
      setError(instances);
      return;
    }
    setBusy(true);
    try {
      const path = `/api/models/${encodeURIComponent(model.name)}:predict`;
      setAnswer(await api<PredictAnswer>(path, { body: { instances } }));
    } catch (failure) {
      setAnswer(undefined);
      setError(problemText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel" aria-labelledby="try-heading">
      <h2 id="try-heading">Try it</h2>
      <p class="muted">
        {many
          ? 'One object per instance, naming every input: '
          : 'One instance per row, each shaped like the input without its first dimension: '}
        sent as <code>{'{"instances": …}'}</code> to <code>POST /api/models/{model.name}:predict</code>.
      </p>
      <form class="try-form" onSubmit={(e) => void submit(e)}>
        <label class="block">
          Instances (JSON)
          <textarea
            rows={4}
            spellcheck={false}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </label>
        {/* aria-disabled, not disabled: a disabled button drops the keyboard focus to the page while it waits. */}
        <button type="submit" aria-disabled={busy}>
          Predict
        </button>
      </form>
      {error && (
        <p class="error" role="alert" data-testid="predict-error">
          {error}
        </p>
      )}
      {answer && (
        <>
          <p class="muted" data-testid="served-by">
            Served by version <code>{answer.modelVersion}</code>
          </p>
          <PredictionTable signature={signature} predictions={answer.predictions} metadata={model.metadata} />
        </>
      )}
    </section>
  );
}
