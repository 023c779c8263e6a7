// The knowledge base: its intents and examples, edited as JSON (PUT, admin), and retraining with its progress
// (the training job's event stream, polling when the stream is cut).
import { useEffect, useState } from 'preact/hooks';
import { adminKeyHeaders, useAdminKey } from '@suite/console/web/admin-key.tsx';
import { api, describeError } from '@suite/console/web/api.ts';
import { followJob, type JobSnapshot } from '@suite/console/web/follow-job.ts';
import { detectLanguage } from '../../src/nlp/language-detection.ts';
import type { CommonWords } from '../../src/nlp/latin-languages.ts';
import { useAllCommonWords } from './all-common-words.ts';
import { ActionOutcome } from './action-outcome.tsx';
import { fill } from './catalogue.ts';
import { languageName } from './example-suggestions.tsx';
import { FeedbackReview } from './feedback-review.tsx';
import { HeldOutSummary, type HeldOutInfo } from './held-out-summary.tsx';
import { WordedFailure } from './problem-message.ts';
import type { ServedIntent, ServedKnowledgeBase } from './types.ts';
import { useUiLocale } from './ui-locale.ts';

/** Examples shown per intent and language. */
const SHOWN_PER_LANGUAGE = 2;

/** An intent's first examples in each language, as the server detects a message's language. */
function examplesByLanguage(
  intent: ServedIntent,
  languages: readonly string[],
  commonWords: CommonWords | undefined,
): Array<[string, string[]]> {
  const shown = new Map<string, string[]>(languages.map((l) => [l, []]));
  for (const example of intent.examples) {
    const list = shown.get(detectLanguage(example, languages, {}, commonWords));
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
  const { t, word, count, percent, seconds } = useUiLocale();
  const [served, setServed] = useState<ServedKnowledgeBase | undefined>();
  const [draft, setDraft] = useState('');
  const adminKey = useAdminKey();
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [trained, setTrained] = useState<TrainReport['info']>();

  const load = () =>
    api<ServedKnowledgeBase>('/api/knowledge-base')
      .then((kb) => {
        setServed(kb);
        setDraft(JSON.stringify(kb.kb, null, 2));
      })
      .catch((thrown: unknown) => setFailure(thrown));
  useEffect(() => void load(), []);

  async function run(label: string, call: () => Promise<TrainAnswer>) {
    if (busy) return;
    setBusy(true);
    setFailure(undefined);
    setTrained(undefined);
    setStatus(fill(t.working, { action: label }));
    try {
      let answer = await call();
      if (answer.id && answer.state)
        answer = await followJob<TrainAnswer & JobSnapshot>(answer.id, {
          headers: adminKeyHeaders(),
          onUpdate: (job) =>
            setStatus(
              fill(t.jobProgress, {
                action: label,
                state: word('jobState', job.state),
                progress: percent(job.progress ?? 0),
              }),
            ),
        });
      if (answer.state === 'failed' || answer.state === 'cancelled')
        // The job's error is the API's (English): the page says how the training ended, the error below it.
        throw new WordedFailure(
          fill(t.trainingEnded, { state: word('jobState', answer.state) }),
          [answer.error?.title, answer.error?.detail].filter(Boolean).join(': '),
        );
      const report = answer.result ?? answer;
      const info = report.info;
      setTrained(info);
      setStatus(
        fill(t.trainedOn, {
          action: label,
          version: report.version ?? '',
          count: info?.trainedOn === undefined ? '?' : count(info.trainedOn),
        }) +
          (info?.trainMs === undefined ? '' : fill(t.trainedIn, { seconds: seconds(info.trainMs / 1000) })),
      );
      await load();
    } catch (thrown) {
      setFailure(thrown);
      setStatus('');
    } finally {
      setBusy(false);
    }
  }

  const save = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(draft);
    } catch (thrown) {
      setFailure(fill(t.jsonDoesNotParse, { error: describeError(thrown) }));
      return;
    }
    void run(t.savedAndRetrained, () =>
      api<TrainAnswer>('/api/knowledge-base', {
        method: 'PUT',
        body: parsed,
        headers: adminKeyHeaders(),
      }),
    );
  };
  const retrain = () =>
    void run(t.retrained, () => api<TrainAnswer>('/api/train', { body: {}, headers: adminKeyHeaders() }));

  const languages = served?.kb.languages?.length ? served.kb.languages : ['en'];
  const commonWords = useAllCommonWords(languages);
  return (
    <div class="stack">
      <section class="panel" aria-labelledby="kb-heading">
        <h2 id="kb-heading">
          {t.kbHeading} {served?.kb.name && <span translate={false}>“{served.kb.name}”</span>}{' '}
          {served && <span class="badge">{fill(t.kbFrom, { source: word('kbSource', served.source) })}</span>}
        </h2>
        <p data-testid="kb-languages">
          {t.kbLanguages}{' '}
          {languages.map((l, i) => (
            <span key={l} lang={l} translate={false}>
              {i > 0 && ' · '}
              {languageName(l)} ({l})
            </span>
          ))}{' '}
          <span class="muted">{t.kbLanguagesHint}</span>
        </p>
        <table class="stacked" data-testid="intents">
          <thead>
            <tr>
              <th scope="col">{t.colIntent}</th>
              <th scope="col">{t.colTitle}</th>
              <th scope="col">{t.colExamples}</th>
            </tr>
          </thead>
          <tbody>
            {served?.kb.intents.map((intent) => (
              <tr key={intent.id}>
                <td translate={false}>{intent.id}</td>
                <td data-label={t.colTitle} translate={false}>
                  {languages
                    .map((l, i) => [l, i === 0 ? intent.title : intent.translations?.[l]?.title] as const)
                    .filter((entry): entry is readonly [string, string] => Boolean(entry[1]))
                    .map(([l, title], i) => (
                      <span key={l} lang={l}>
                        {i > 0 && ' · '}
                        {title}
                      </span>
                    ))}
                </td>
                <td data-label={t.colExamples}>
                  {count(intent.examples.length)}:{' '}
                  {examplesByLanguage(intent, languages, commonWords).map(([language, examples]) => (
                    <span key={language} class="muted" lang={language} translate={false}>
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
        <h2 id="edit-heading">{t.editHeading}</h2>
        {!adminKey && <p class="muted">{t.enterAdminKey}</p>}
        <div class="row">
          {/* aria-disabled while busy: a disabled button would drop the keyboard focus to the page. */}
          <button type="button" onClick={retrain} disabled={!adminKey} aria-disabled={busy}>
            {t.retrain}
          </button>
        </div>
        <label class="block">
          {t.kbJson}
          <textarea
            rows={14}
            spellcheck={false}
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
        </label>
        <button type="button" onClick={save} disabled={!adminKey} aria-disabled={busy}>
          {t.saveAndRetrain}
        </button>
        <ActionOutcome status={status} failure={failure} testId="train-status" />
        <HeldOutSummary info={trained} />
      </section>
      <FeedbackReview kb={served?.kb} />
    </div>
  );
}
