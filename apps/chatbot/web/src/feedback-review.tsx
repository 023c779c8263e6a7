// Customers' feedback waiting for review (admin): approve one and it joins the next retraining's examples, reject
// it and it never does. Feedback never reaches the served model any other way.
import { useState } from 'preact/hooks';
import { adminKeyHeaders, useAdminKey } from '@suite/console/web/admin-key.tsx';
import { api } from '@suite/console/web/api.ts';
import { ActionOutcome } from './action-outcome.tsx';
import { fill } from './catalogue.ts';
import { intentTitle } from './intent-title.ts';
import type { ServedKnowledgeBase } from './types.ts';
import { useUiLocale } from './ui-locale.ts';

interface Feedback {
  id: number;
  message: string;
  predicted: string | null;
  intent: string;
  createdAt: string;
}

/** An intent for a reviewer: its title in the UI language, and its id below it (what training files name). */
function IntentCell({ id, title }: { id: string; title: string }) {
  return (
    <span translate={false}>
      {title}
      {title !== id && <code class="muted intent-id">{id}</code>}
    </span>
  );
}

export function FeedbackReview({ kb }: { kb: ServedKnowledgeBase['kb'] | undefined }) {
  const { t, language } = useUiLocale();
  const adminKey = useAdminKey();
  const [pending, setPending] = useState<Feedback[] | undefined>();
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<unknown>();
  const title = (id: string) => intentTitle(kb, id, language);

  async function load() {
    setFailure(undefined);
    try {
      const answer = await api<{ feedback: Feedback[] }>('/api/feedback?status=pending', {
        headers: adminKeyHeaders(),
      });
      setPending(answer.feedback);
    } catch (thrown) {
      setFailure(thrown);
    }
  }

  async function decide(row: Feedback, decision: 'approve' | 'reject') {
    setFailure(undefined);
    try {
      await api(`/api/feedback/${row.id}/${decision}`, { body: {}, headers: adminKeyHeaders() });
      setPending((rows) => rows?.filter((r) => r.id !== row.id));
      setStatus(
        decision === 'approve'
          ? fill(t.approved, { id: row.id, intent: title(row.intent) })
          : fill(t.rejected, { id: row.id }),
      );
    } catch (thrown) {
      setFailure(thrown);
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
                  {row.predicted === null ? (
                    t.notUnderstood
                  ) : (
                    <IntentCell id={row.predicted} title={title(row.predicted)} />
                  )}
                </td>
                <td data-label={t.colSuggestedIntent}>
                  <IntentCell id={row.intent} title={title(row.intent)} />
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
      <ActionOutcome status={status} failure={failure} testId="feedback-status" />
    </section>
  );
}
