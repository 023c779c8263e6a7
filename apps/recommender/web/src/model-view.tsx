// The model: train with options (admin) and watch the per-epoch RMSE curve, the served version and its metrics,
// and every version (serve an older one to roll back).
import { useState } from 'preact/hooks';
import { describeError } from '@suite/console/web/api.ts';
import { TimeChart, type TimeChartProps } from '@suite/console/web/time-chart.tsx';
import { useAdminKey } from '@suite/console/web/admin-key.tsx';
import { cancelJob, train, type TrainProgress } from './train-client.ts';
import { refusalInFormTerms, type FormChoice } from './train-budget-check.ts';
import { endedText, succeededText } from './train-outcome.ts';
import { TrainForm } from './train-form.tsx';
import { VersionsPanel } from './versions-panel.tsx';
import type { ModelVersion, TrainReport } from './types.ts';

// Epochs are whole: ticks at 1, 2, 5, 10... never at 1.2 or 1.4 (uPlot picks from these increments).
const EPOCH_AXES: TimeChartProps['axes'] = [{ incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] }, {}];

const CURVE = [
  { label: 'train RMSE', stroke: '#1d4ed8', width: 2 },
  { label: 'validation RMSE', stroke: '#dc2626', width: 2 },
];

export function ModelView() {
  const adminKey = useAdminKey();
  const [progress, setProgress] = useState<TrainProgress | undefined>();
  const [report, setReport] = useState<TrainReport | undefined>();
  const [served, setServed] = useState<ModelVersion | undefined>();
  const [error, setError] = useState<string | undefined>();
  const running = progress?.state === 'running' || progress?.state === 'queued';
  const history = progress?.history ?? [];

  // How the last run ended, kept after it ends (the running line goes with the run).
  const [outcome, setOutcome] = useState<string | undefined>();

  async function start(options: Record<string, unknown>, choice: FormChoice) {
    setError(undefined);
    setReport(undefined);
    setOutcome(undefined);
    let last: TrainProgress | undefined;
    const follow = (next: TrainProgress) => setProgress((last = next));
    try {
      const done = await train(adminKey, options, follow);
      setReport(done);
      setOutcome(succeededText(done));
    } catch (failure) {
      setError(refusalInFormTerms(failure, choice) ?? describeError(failure));
      // A job that ran keeps its curve, and the status says how far it got; a refused request had no job.
      if (last?.jobId) setOutcome(endedText(last, failure));
      setProgress(last?.jobId ? { ...last, state: 'ended' } : undefined);
    }
  }

  return (
    <div class="stack">
      <section class="panel" aria-labelledby="train-heading">
        <h2 id="train-heading">Train a model</h2>
        <TrainForm disabled={!adminKey || running} onTrain={start} />
        <p role="status" data-testid="train-status">
          {running ? (
            <>
              Training… {history.length > 0 && `epoch ${history[history.length - 1]!.epoch}`}
              {progress?.jobId && (
                <button
                  type="button"
                  class="secondary"
                  onClick={() => void cancelJob(adminKey, progress.jobId!)}
                >
                  Cancel
                </button>
              )}
            </>
          ) : (
            outcome
          )}
        </p>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </section>
      {history.length > 0 && (
        <section class="panel" aria-labelledby="curve-heading">
          <h2 id="curve-heading">Training curve</h2>
          <TimeChart
            label="Train and validation RMSE per epoch"
            time={false}
            axes={EPOCH_AXES}
            data={[
              history.map((h) => h.epoch),
              history.map((h) => h.trainRmse),
              history.map((h) => h.validationRmse ?? null),
            ]}
            series={CURVE}
            height={240}
          />
          {progress?.via && (
            <p class="muted">
              Live from the training job’s {progress.via === 'stream' ? 'event stream' : 'state (polled)'}.
            </p>
          )}
        </section>
      )}
      {served && (
        <PublishedPanel served={served} report={report?.version === served.version ? report : undefined} />
      )}
      <VersionsPanel
        adminKey={adminKey}
        refreshKey={report?.version}
        onVersions={(versions) => setServed(versions.find((v) => v.served))}
      />
    </div>
  );
}

/** The version the app serves (after a rollback, the pinned one), with the run's timings when it was just trained. */
function PublishedPanel({ served, report }: { served: ModelVersion; report: TrainReport | undefined }) {
  const meta = served.metadata ?? {};
  return (
    <section class="panel" aria-labelledby="report-heading">
      <h2 id="report-heading">Published {meta.kind ?? ''} model</h2>
      <table data-testid="train-report">
        <tbody>
          <tr>
            <th scope="row">Version</th>
            <td>
              {served.version} {served.pinned && <span class="badge">pinned</span>}
            </td>
          </tr>
          {meta.trainCount !== undefined && (
            <tr>
              <th scope="row">Ratings trained on</th>
              <td>{meta.trainCount}</td>
            </tr>
          )}
          {report ? (
            <tr>
              <th scope="row">Epochs (best)</th>
              <td>
                {report.epochs} ({report.bestEpoch})
              </td>
            </tr>
          ) : (
            meta.bestEpoch !== undefined && (
              <tr>
                <th scope="row">Best epoch</th>
                <td>{meta.bestEpoch}</td>
              </tr>
            )
          )}
          {report && (
            <tr>
              <th scope="row">Training time</th>
              <td>{(report.trainMs / 1000).toFixed(2)} s</td>
            </tr>
          )}
          {Object.entries(meta.validation ?? {}).map(([name, value]) => (
            <tr key={name}>
              <th scope="row">Validation {name}</th>
              <td>
                {typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(4) : String(value)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
