// Customers' feedback waiting for review (admin): approve one and it joins the next retraining's examples, reject
// it and it never does. Feedback never reaches the served model any other way.
import { useState } from 'preact/hooks';
import { api, describeError } from '@suite/console/web/api.ts';
import { ActionOutcome } from './action-outcome.tsx';

interface Feedback {
  id: number;
  message: string;
  predicted: string | null;
  intent: string;
  createdAt: string;
}

export function FeedbackReview({ adminKey }: { adminKey: string }) {
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
          ? `Approved #${row.id} (${row.intent}): it joins the next retraining.`
          : `Rejected #${row.id}: it stays out of training.`,
      );
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  return (
    <section class="panel" aria-labelledby="feedback-heading">
      <div class="row">
        <h2 id="feedback-heading">Feedback to review (admin)</h2>
        <button type="button" class="secondary" onClick={() => void load()} disabled={!adminKey}>
          Show pending feedback
        </button>
      </div>
      {pending?.length === 0 && <p class="muted">No feedback is waiting.</p>}
      {pending && pending.length > 0 && (
        <table class="stacked" data-testid="pending-feedback">
          <thead>
            <tr>
              <th scope="col">Customer's message</th>
              <th scope="col">Answered as</th>
              <th scope="col">Suggested intent</th>
              <th scope="col">Decision</th>
            </tr>
          </thead>
          <tbody>
            {pending.map((row) => (
              <tr key={row.id}>
                <td>{row.message}</td>
                <td data-label="Answered as">{row.predicted ?? 'not understood'}</td>
                <td data-label="Suggested intent">{row.intent}</td>
                <td class="row">
                  <button type="button" onClick={() => void decide(row, 'approve')}>
                    Approve
                  </button>
                  <button type="button" class="secondary" onClick={() => void decide(row, 'reject')}>
                    Reject
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
