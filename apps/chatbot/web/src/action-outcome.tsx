// What the last admin action of a panel came to: a status line read out politely, and its failure as an alert.
// The feedback review and the knowledge-base editor both end in it.

/** Props of {@link ActionOutcome}. */
export interface ActionOutcomeProps {
  /** What the action did, or is doing; empty before any. */
  status: string;
  /** Why it failed, if it did. */
  error: string | undefined;
  /** The status line's test id. */
  testId: string;
}

/** @example <ActionOutcome status={status} error={error} testId="train-status" /> */
export function ActionOutcome({ status, error, testId }: ActionOutcomeProps) {
  return (
    <>
      <p role="status" data-testid={testId}>
        {status}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
