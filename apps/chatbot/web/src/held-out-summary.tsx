// The held-out accuracy of the training run that just finished: its rows, its 95% interval and, when the rows are too
// few to read (under 100), the trainer's caution that it is not the served model's accuracy.

/** The held-out members of a training report's `info` (POST /api/train; `held-out-report.ts` on the server). */
export interface HeldOutInfo {
  heldOut?: number;
  heldOutAccuracy?: number | null;
  heldOutInterval95?: [number, number] | null;
  heldOutCaution?: string | null;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** @example <HeldOutSummary info={report.info} /> */
export function HeldOutSummary({ info }: { info: HeldOutInfo | undefined }) {
  if (info?.heldOut === undefined) return null;
  const { heldOut, heldOutAccuracy: accuracy, heldOutInterval95: interval, heldOutCaution: caution } = info;
  if (heldOut === 0 || accuracy == null) {
    return (
      <p class="muted" data-testid="held-out">
        Nothing was held out, so this run has no held-out accuracy.
      </p>
    );
  }
  return (
    <div data-testid="held-out">
      <p>
        Held-out accuracy <strong>{percent(accuracy)}</strong> on {heldOut} rows
        {interval && ` (95% interval ${percent(interval[0])} to ${percent(interval[1])})`}
      </p>
      {caution && (
        <p class="caution" role="note" data-testid="held-out-caution">
          Caution: {caution}
        </p>
      )}
    </div>
  );
}
