// Customers' feedback waiting for review (admin): approve one and it joins the next retraining's examples, reject
// it and it never does. Feedback never reaches the served model any other way.
import { useState } from 'preact/hooks';
import { api, describeError } from '@suite/console/web/api.ts';
import { ActionOutcome } from './action-outcome.tsx';
import { fill } from './catalogue.ts';
import { useUiLocale } from './ui-locale.ts';

interface Feedback {
  id: number;
  message: string;
  predicted: string | null;
  intent: string;
  createdAt: string;
}

export function FeedbackReview({ adminKey }: { adminKey: string }) {
  const { t } = useUiLocale();
  const [pending, setPending] = useState<Feedback[] | undefined>();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | undefined>();
  const headers = { 'x-admin-key': adminKey };

  async function load() {
    setError(undefined);
    try {
      setPending((await api<{ feedback: Feedback[] }>('/api/feedback?status=pending', { headers })).feedback);
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  async function decide(row: Feedback, decision: 'approve' | 'reject') {
    setError(undefined);
    try {
      await api(`/api/feedback/${row.id}/${decision}`, { body: {}, headers });
      setPending((rows) => rows?.filter((r) => r.id !== row.id));
      setStatus(
        decision === 'approve'
          ? fill(t.approved, { id: row.id, intent: row.intent })
          : fill(t.rejected, { id: row.id }),
      );
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  return (
    <section class="panel" aria-labelledby="feedback-heading">
      <div class="row">
        <h2 id="feedback-heading">{t.feedbackHeading}</h2>
        <button type="button" class="secondary" onClick={() => void load()} disabled={!adminKey}>
          {t.showPending}
        </button>
      </div>
      {pending?.length === 0 && <p class="muted">{t.noFeedback}</p>}
      {pending && pending.length > 0 && (
        <table class="stacked" data-testid="pending-feedback">
          <thead>
            <tr>
              <th scope="col">{t.colCustomerMessage}</th>
              <th scope="col">{t.colAnsweredAs}</th>
              <th scope="col">{t.colSuggestedIntent}</th>
              <th scope="col">{t.colDecision}</th>
            </tr>
          </thead>
          <tbody>
            {pending.map((row) => (
              <tr key={row.id}>
                <td translate={false}>{row.message}</td>
                <td data-label={t.colAnsweredAs}>
                  {row.predicted === null ? t.notUnderstood : <span translate={false}>{row.predicted}</span>}
                </td>
                <td data-label={t.colSuggestedIntent} translate={false}>
                  {row.intent}
                </td>
                <td class="row">
                  <button type="button" onClick={() => void decide(row, 'approve')}>
                    {t.approve}
                  </button>
                  <button type="button" class="secondary" onClick={() => void decide(row, 'reject')}>
                    {t.reject}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ActionOutcome status={status} error={error} testId="feedback-status" />
    </section>
  );
}
