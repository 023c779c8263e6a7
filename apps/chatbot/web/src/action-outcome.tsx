// What the last admin action of a panel came to: a status line read out politely, and its failure as an alert in
// the page's words. The feedback review and the knowledge-base editor both end in it.
import { ProblemNotice } from './problem-notice.tsx';
import { useUiLocale } from './ui-locale.ts';

/** Props of {@link ActionOutcome}. */
export interface ActionOutcomeProps {
  /** What the action did, or is doing; empty before any. */
  status: string;
  /** What it threw, if it failed. */
  failure: unknown;
  /** The status line's test id. */
  testId: string;
}

/** @example <ActionOutcome status={status} failure={failure} testId="train-status" /> */
export function ActionOutcome({ status, failure, testId }: ActionOutcomeProps) {
  const { language } = useUiLocale();
  return (
    <>
      <p role="status" data-testid={testId}>
        {status}
      </p>
      <ProblemNotice failure={failure} language={language} audience="staff" />
    </>
  );
}
