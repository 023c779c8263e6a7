// The training options people change most; the rest keep the app's defaults (see the README's POST /api/train).
// A job over the API's training budget is stopped here, before it is sent, with the values that fit.
import { useRef, useState } from 'preact/hooks';
import type { ModelKind } from '../../src/model/fm-model.ts';
import { budgetProblem, type FormChoice } from './train-budget-check.ts';

export function TrainForm({
  disabled,
  onTrain,
}: {
  disabled: boolean;
  onTrain(options: Record<string, unknown>, choice: FormChoice): void;
}) {
  const [kind, setKind] = useState<ModelKind>('fm');
  const [optimizer, setOptimizer] = useState('adagrad');
  const [epochs, setEpochs] = useState(20);
  const [k, setK] = useState(8);
  const overBudget = budgetProblem({ kind, epochs, k });
  const epochsField = useRef<HTMLInputElement>(null);
  const budgetFields = overBudget
    ? { 'aria-invalid': true as const, 'aria-describedby': 'train-budget' }
    : {};
  return (
    <>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (overBudget) {
            epochsField.current?.focus();
            return;
          }
          const options: Record<string, unknown> = { kind, epochs, k };
          // The ranking model (iALS) is solved by least squares: no optimiser.
          if (kind !== 'baseline' && kind !== 'ials') options.optimizer = optimizer;
          onTrain(options, { kind, epochs, k });
        }}
      >
        <label>
          Model
          <select
            value={kind}
            onChange={(e) => {
              const next = e.currentTarget.value as ModelKind;
              setKind(next);
              // iALS's own defaults: 64 factors, 8 sweeps (README, How it works).
              if (next === 'ials') {
                setK(64);
                setEpochs(8);
              }
            }}
          >
            <option value="fm">factorisation machine</option>
            <option value="mf">matrix factorisation</option>
            <option value="baseline">baseline CF</option>
            <option value="ials">ranking model (iALS)</option>
          </select>
        </label>
        <label>
          Optimiser
          <select
            value={optimizer}
            onChange={(e) => setOptimizer(e.currentTarget.value)}
            disabled={kind === 'baseline' || kind === 'ials'}
          >
            <option value="sgd">SGD</option>
            <option value="momentum">Momentum</option>
            <option value="adagrad">AdaGrad</option>
          </select>
        </label>
        <label>
          Epochs
          <input
            type="number"
            min={1}
            max={200}
            ref={epochsField}
            {...budgetFields}
            value={epochs}
            onInput={(e) => setEpochs(Number(e.currentTarget.value))}
          />
        </label>
        <label>
          Factors (k)
          <input
            type="number"
            min={1}
            max={128}
            {...budgetFields}
            value={k}
            onInput={(e) => setK(Number(e.currentTarget.value))}
          />
        </label>
        <button type="submit" disabled={disabled}>
          Train
        </button>
      </form>
      {overBudget && (
        <p class="error" id="train-budget" role="alert">
          {overBudget}
        </p>
      )}
    </>
  );
}
