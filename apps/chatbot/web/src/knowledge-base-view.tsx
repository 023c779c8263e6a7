// The knowledge base: its intents and examples, edited as JSON (PUT, admin), and retraining with its progress
// (the training job's event stream, polling when the stream is cut).
import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '@suite/console/web/api.ts';
import { followJob, type JobSnapshot } from '@suite/console/web/follow-job.ts';
import { detectLanguage } from '../../src/nlp/language-detection.ts';
import { ActionOutcome } from './action-outcome.tsx';
import { loadAgent } from './agent-session.ts';
import { languageName } from './example-suggestions.tsx';
import { FeedbackReview } from './feedback-review.tsx';
import { HeldOutSummary, type HeldOutInfo } from './held-out-summary.tsx';
import type { ServedIntent, ServedKnowledgeBase } from './types.ts';

/** Examples shown per intent and language. */
const SHOWN_PER_LANGUAGE = 2;

/** An intent's first examples in each language, as the server detects a message's language. */
function examplesByLanguage(intent: ServedIntent, languages: readonly string[]): Array<[string, string[]]> {
  const shown = new Map<string, string[]>(languages.map((l) => [l, []]));
  for (const example of intent.examples) {
    const list = shown.get(detectLanguage(example, languages));
    if (list && list.length < SHOWN_PER_LANGUAGE) list.push(example);
  }
  return [...shown].filter(([, list]) => list.length > 0);
}

interface TrainReport {
  version?: string;
  info?: { examples?: number; trainedOn?: number; trainMs?: number } & HeldOutInfo;
}

/** A training report, or the job (202, GET /api/jobs/{id}) whose `result` becomes one. */
interface TrainAnswer extends TrainReport {
  id?: string;
  state?: string;
  progress?: number;
  result?: TrainReport | null;
  error?: { detail?: string; title?: string } | null;
}

export function KnowledgeBaseView() {
  const [served, setServed] = useState<ServedKnowledgeBase | undefined>();
  const [draft, setDraft] = useState('');
  const [adminKey, setAdminKey] = useState(loadAgent()?.adminKey ?? '');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [trained, setTrained] = useState<TrainReport['info']>();

  const load = () =>
    api<ServedKnowledgeBase>('/api/knowledge-base')
      .then((kb) => {
        setServed(kb);
        setDraft(JSON.stringify(kb.kb, null, 2));
      })
      .catch((failure: unknown) => setError(describeError(failure)));
  useEffect(() => void load(), []);

  async function run(label: string, call: () => Promise<TrainAnswer>) {
    setBusy(true);
    setError(undefined);
    setTrained(undefined);
    setStatus(`${label}…`);
    try {
      let answer = await call();
      if (answer.id && answer.state)
        answer = await followJob<TrainAnswer & JobSnapshot>(answer.id, {
          headers: { 'x-admin-key': adminKey },
          onUpdate: (job) => setStatus(`${label}: ${job.state} ${Math.round((job.progress ?? 0) * 100)}%`),
        });
      if (answer.state === 'failed' || answer.state === 'cancelled')
        throw new Error(answer.error?.detail ?? answer.error?.title ?? `training ${answer.state}`);
      const report = answer.result ?? answer;
      const info = report.info;
      setTrained(info);
      setStatus(
        `${label}: model ${report.version ?? ''} trained on ${info?.trainedOn ?? '?'} utterances` +
          (info?.trainMs !== undefined ? ` in ${(info.trainMs / 1000).toFixed(2)} s` : ''),
      );
      await load();
    } catch (failure) {
      setError(describeError(failure));
      setStatus('');
    } finally {
      setBusy(false);
    }
  }

  const save = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(draft);
    } catch (failure) {
      setError(`The JSON does not parse: ${describeError(failure)}`);
      return;
    }
    void run('Saved and retrained', () =>
      api<TrainAnswer>('/api/knowledge-base', {
        method: 'PUT',
        body: parsed,
        headers: { 'x-admin-key': adminKey },
      }),
    );
  };
  const retrain = () =>
    void run('Retrained', () =>
      api<TrainAnswer>('/api/train', { body: {}, headers: { 'x-admin-key': adminKey } }),
    );

  const languages = served?.kb.languages?.length ? served.kb.languages : ['en'];
  return (
    <div class="stack">
      <section class="panel" aria-labelledby="kb-heading">
        <h2 id="kb-heading">
          Knowledge base {served?.kb.name ? `“${served.kb.name}”` : ''}{' '}
          {served && <span class="badge">from {served.source}</span>}
        </h2>
        <p data-testid="kb-languages">
          Languages:{' '}
          {languages.map((l, i) => (
            <span key={l} lang={l}>
              {i > 0 && ' · '}
              {languageName(l)} ({l})
            </span>
          ))}{' '}
          <span class="muted">
            (a message is answered in the one it is written in; the first is the fallback)
          </span>
        </p>
        <table class="stacked" data-testid="intents">
          <thead>
            <tr>
              <th scope="col">Intent</th>
              <th scope="col">Title</th>
              <th scope="col">Examples</th>
            </tr>
          </thead>
          <tbody>
            {served?.kb.intents.map((intent) => (
              <tr key={intent.id}>
                <td>{intent.id}</td>
                <td data-label="Title">
                  {[intent.title, ...languages.slice(1).map((l) => intent.translations?.[l]?.title)]
                    .filter(Boolean)
                    .join(' · ')}
                </td>
                <td data-label="Examples">
                  {intent.examples.length}:{' '}
                  {examplesByLanguage(intent, languages).map(([language, examples]) => (
                    <span key={language} class="muted" lang={language}>
                      {language === languages[0] ? '' : ' · '}
                      {examples.join(' · ')}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="panel" aria-labelledby="edit-heading">
        <h2 id="edit-heading">Edit and retrain (admin)</h2>
        <div class="row">
          <label>
            Admin key
            <input type="password" value={adminKey} onInput={(e) => setAdminKey(e.currentTarget.value)} />
          </label>
          <button type="button" onClick={retrain} disabled={busy || !adminKey}>
            Retrain
          </button>
        </div>
        <label class="block">
          Knowledge base (JSON)
          <textarea
            rows={14}
            spellcheck={false}
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
        </label>
        <button type="button" onClick={save} disabled={busy || !adminKey}>
          Save and retrain
        </button>
        <ActionOutcome status={status} error={error} testId="train-status" />
        <HeldOutSummary info={trained} />
      </section>
      <FeedbackReview adminKey={adminKey} />
    </div>
  );
}
