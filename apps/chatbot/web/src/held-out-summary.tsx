// The held-out accuracy of the training run that just finished: its rows, its 95% interval and, when the rows are too
// few to read (under 100), the trainer's caution that it is not the served model's accuracy: in English the trainer's
// own sentence, in another UI language the catalogue's.
import { fill, fillParts } from './catalogue.ts';
import { useUiLocale } from './ui-locale.ts';

/** The held-out members of a training report's `info` (POST /api/train; `held-out-report.ts` on the server). */
export interface HeldOutInfo {
  heldOut?: number;
  heldOutAccuracy?: number | null;
  heldOutInterval95?: [number, number] | null;
  heldOutCaution?: string | null;
}

/** @example <HeldOutSummary info={report.info} /> */
export function HeldOutSummary({ info }: { info: HeldOutInfo | undefined }) {
  const { language, t, count, percent } = useUiLocale();
  if (info?.heldOut === undefined) return null;
  const { heldOut, heldOutAccuracy: accuracy, heldOutInterval95: interval, heldOutCaution: caution } = info;
  if (heldOut === 0 || accuracy == null) {
    return (
      <p class="muted" data-testid="held-out">
        {t.nothingHeldOut}
      </p>
    );
  }
  return (
    <div data-testid="held-out">
      <p>
        {fillParts(t.heldOutAccuracy, {
          accuracy: <strong>{percent(accuracy)}</strong>,
          rows: count(heldOut),
        })}
        {interval && fill(t.heldOutInterval, { low: percent(interval[0]), high: percent(interval[1]) })}
      </p>
      {caution && (
        <p class="caution" role="note" data-testid="held-out-caution">
          {fill(t.caution, {
            caution: language === 'en' ? caution : fill(t.cautionFewRows, { rows: count(heldOut) }),
          })}
        </p>
      )}
    </div>
  );
}
