// A user's top-K: rate an item and the list is fetched again (the app folds the rating in online).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, describeError } from '@suite/console/web/api.ts';
import { adminKeyHeaders } from '@suite/console/web/admin-key.tsx';
import { UserPicker } from './user-picker.tsx';
import { WhyPanel } from './why-panel.tsx';
import type { Recommendation, RecommendedItem } from './types.ts';
import {
  HowMany,
  OrderNote,
  rankingHeader,
  RatingSelect,
  scoreCells,
  scoreHeader,
  useRatingFocus,
} from './list-controls.tsx';

/** The user named in the address (`#user=N`), if any. */
export const userFromHash = () => {
  const id = Number(new URLSearchParams(location.hash.slice(1)).get('user'));
  return Number.isInteger(id) && id > 0 ? id : undefined;
};
const titleOf = (item: RecommendedItem) => item.title ?? `Item ${item.itemId}`;

/** Why the rows come in this order, so the numbers shown agree with it. */
export function RecommendationsView() {
  const [userId, setUserId] = useState(userFromHash());
  const [k, setK] = useState(10);
  const [list, setList] = useState<Recommendation | undefined>();
  const [before, setBefore] = useState<Map<number, number>>(new Map());
  const [rated, setRated] = useState<Array<{ title: string; rating: number }>>([]);
  const [why, setWhy] = useState<RecommendedItem | undefined>();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | undefined>();
  /** A rating was refused for want of the admin key, which this view has no field for. */
  const [needsKey, setNeedsKey] = useState(false);
  const statusLine = useRef<HTMLParagraphElement>(null);
  const ratedWith = useRatingFocus(list, statusLine);

  const load = async (id: number, keepPrevious: boolean) => {
    setError(undefined);
    try {
      const next = await api<Recommendation>(`/api/users/${id}/recommendations?k=${k}`);
      setBefore(keepPrevious && list ? new Map(list.items.map((i, rank) => [i.itemId, rank])) : new Map());
      setList(next);
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  useEffect(() => {
    if (userId) void load(userId, false);
  }, [userId, k]);
  // The user is in the address (#user=N): going back, or editing it, shows that user's list.
  useEffect(() => {
    const onHash = () => {
      const id = userFromHash();
      if (id !== undefined) show(id);
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  async function rate(item: RecommendedItem, rating: number) {
    if (!userId) return;
    setError(undefined);
    try {
      await api('/api/events', {
        body: { type: 'rating', userId, itemId: item.itemId, rating },
        // A rating writes shared data: it needs the admin key while API_KEYS is off.
        headers: adminKeyHeaders(),
      });
      setNeedsKey(false);
      setRated((all) => [...all, { title: titleOf(item), rating }]);
      setStatus(`Rated ${titleOf(item)} ${rating} of 5; the list below is updated.`);
      await load(userId, true);
    } catch (failure) {
      setError(describeError(failure));
      setNeedsKey(failure instanceof ApiError && failure.status === 401);
    }
  }

  const show = (id: number) => {
    setUserId(id);
    setRated([]);
    setWhy(undefined);
    setStatus('');
    setError(undefined);
  };
  const pick = (id: number) => {
    location.hash = `user=${id}`;
    show(id);
  };

  return (
    <div class="stack">
      <section class="panel" aria-labelledby="user-heading">
        <h2 id="user-heading">Whose recommendations</h2>
        <UserPicker key={userId} userId={userId} onPick={pick} />
      </section>
      {userId && (
        <section class="panel" aria-labelledby="top-heading">
          <div class="row">
            <h2 id="top-heading">
              Top {k} for user {userId}
            </h2>
            {list && <span class="badge">{list.source}</span>}
            <HowMany k={k} onChange={setK} />
          </div>
          <p class="muted" role="status" tabIndex={-1} ref={statusLine}>
            {status}
          </p>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          {needsKey && (
            <p data-testid="needs-admin-key">
              A rating changes what everyone is recommended, so it needs the admin key: type it in the Admin
              key field above, then rate here again.
            </p>
          )}
          {list && <OrderNote list={list} />}
          <table class="stacked" data-testid="top-k" aria-describedby={list ? 'order-note' : undefined}>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Title</th>
                <th scope="col">{list ? rankingHeader(list) : 'Ranking score'}</th>
                <th scope="col">{scoreHeader(list)}</th>
                <th scope="col">Rate it</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {list?.items.map((item, rank) => {
                const was = before.get(item.itemId);
                const moved =
                  before.size === 0
                    ? ''
                    : was === undefined
                      ? 'new'
                      : was > rank
                        ? '▲'
                        : was < rank
                          ? '▼'
                          : '';
                return (
                  <tr key={item.itemId}>
                    <td class="inline">
                      {rank + 1} {moved && <span class="badge good">{moved}</span>}
                    </td>
                    <td class="inline">{titleOf(item)}</td>
                    {scoreCells(list, item).map((cell, column) => (
                      <td key={column} data-label={[rankingHeader(list), scoreHeader(list)][column]}>
                        {cell}
                      </td>
                    ))}
                    <td class="inline">
                      <RatingSelect
                        label={`Rate ${titleOf(item)}`}
                        onRate={(r, select) => (ratedWith(select), void rate(item, r))}
                      />
                    </td>
                    <td class="inline">
                      <button
                        type="button"
                        class="secondary"
                        // Ten "Why?" buttons read alike to a screen reader: each names its item after the word shown.
                        aria-label={`Why? ${titleOf(item)}`}
                        data-why={item.itemId}
                        onClick={() => setWhy(item)}
                      >
                        Why?
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {list?.items.length === 0 && (
            <p class="muted">Nothing to recommend yet: import items and ratings.</p>
          )}
          {rated.length > 0 && (
            <p class="muted">Rated here: {rated.map((r) => `${r.title} (${r.rating})`).join(', ')}</p>
          )}
        </section>
      )}
      {userId && why && (
        <WhyPanel
          userId={userId}
          item={why}
          title={titleOf(why)}
          listSource={list?.source ?? 'model'}
          modelPublished={list?.modelVersion != null}
          onClose={() => {
            setWhy(undefined);
            // Back to the row the reader asked about, not to the top of the page.
            document.querySelector<HTMLButtonElement>(`button[data-why="${why.itemId}"]`)?.focus();
          }}
        />
      )}
    </div>
  );
}
