// A failure on a page: the page's own sentence for it, read out as an alert, and the API's problem details in small
// English text below for whoever reports or debugs it.
import { problemLabels } from './problem-labels.ts';
import { problemMessage, type ProblemAudience } from './problem-message.ts';

/** Props of {@link ProblemNotice}. */
export interface ProblemNoticeProps {
  /** What was thrown, or undefined for no failure (nothing is shown). */
  failure: unknown;
  /** The page's language tag: the staff pages' UI language, the customer chat's reply language. */
  language: string;
  audience: ProblemAudience;
}

/** @example <ProblemNotice failure={failure} language={language} audience="staff" /> */
export function ProblemNotice({ failure, language, audience }: ProblemNoticeProps) {
  if (failure === undefined) return null;
  const { text, detail } = problemMessage(failure, problemLabels(language), audience);
  return (
    <p class="error" role="alert">
      {text}
      {detail && (
        <small class="problem-detail" lang="en" data-testid="problem-detail">
          {detail}
        </small>
      )}
    </p>
  );
}
