// Private mode: the page downloads the served model without any user's row (GET /api/edge/model), keeps the
// visitor's ratings in this browser only, and folds them in and ranks here with the server's own code
// (src/edge/device-user.ts). The only request this view makes is that download.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { apiKeyHeaders, toError, describeError } from '@suite/console/web/api.ts';
import { decodeModel } from '../../src/model/artifact.ts';
import type { FmModel } from '../../src/model/fm-model.ts';
import { getPublicModelMeta } from '../../src/edge/public-model.ts';
import {
  createDeviceUser,
  rateOnDevice,
  recommendOnDevice,
  type DeviceRating,
  type DeviceUser,
} from '../../src/edge/device-user.ts';
import {
  HowMany,
  OrderNote,
  rankingHeader,
  RatingSelect,
  scoreCells,
  scoreHeader,
  useRatingFocus,
} from './list-controls.tsx';

const STORAGE = 'suite.recommender.privateRatings';

function loadRatings(): DeviceRating[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE) ?? '[]') as unknown;
    return Array.isArray(parsed)
      ? parsed.filter(
          (r): r is DeviceRating =>
            typeof r === 'object' && r !== null && Number.isInteger(r.itemId) && typeof r.rating === 'number',
        )
      : [];
  } catch {
    return [];
  }
}

/** Replays the stored ratings in order, exactly as the server folds in a user's events one by one. */
function replay(model: FmModel, ratings: DeviceRating[]): DeviceUser {
  return ratings.reduce((user, r) => rateOnDevice(model, user, r.itemId, r.rating), createDeviceUser());
}

export function PrivateView() {
  const [model, setModel] = useState<{ model: FmModel; bytes: number } | undefined>();
  const [user, setUser] = useState<DeviceUser>(createDeviceUser());
  const [k, setK] = useState(10);
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState('');

  useEffect(() => {
    void (async () => {
      try {
        const res = await fetch('/api/edge/model', { headers: apiKeyHeaders() });
        if (!res.ok) throw await toError(res);
        const bytes = new Uint8Array(await res.arrayBuffer());
        const decoded = decodeModel(bytes);
        setModel({ model: decoded, bytes: bytes.byteLength });
        setUser(replay(decoded, loadRatings()));
      } catch (failure) {
        setError(describeError(failure));
      }
    })();
  }, []);

  const meta = model && getPublicModelMeta(model.model);
  const titleOf = (itemId: number) => meta?.titles[String(itemId)] ?? `Item ${itemId}`;
  const list = useMemo(() => {
    if (!model) return undefined;
    const ranked = recommendOnDevice(model.model, user, k);
    return { ...ranked, modelKind: ranked.source === 'popularity' ? null : model.model.kind };
  }, [model, user, k]);
  const statusLine = useRef<HTMLParagraphElement>(null);
  const ratedWith = useRatingFocus(list, statusLine);

  function rate(itemId: number, rating: number) {
    if (!model) return;
    const next = rateOnDevice(model.model, user, itemId, rating);
    localStorage.setItem(STORAGE, JSON.stringify(next.ratings));
    setUser(next);
    setStatus(`Rated ${titleOf(itemId)} ${rating} of 5 on this device; the list below is ranked here.`);
  }

  function forget() {
    localStorage.removeItem(STORAGE);
    setUser(createDeviceUser());
    setStatus('Your ratings are deleted from this browser.');
  }

  return (
    <div class="stack">
      <section class="panel" aria-labelledby="private-heading">
        <h2 id="private-heading">Private mode</h2>
        <p>
          Your ratings never leave this page: they are kept in this browser, and the list is computed here
          from the public model (item factors only, no user's data)
          {model && meta && (
            <>
              {' '}
              of version <code>{meta.version}</code>, {(model.bytes / 1024).toFixed(0)} KB downloaded once
            </>
          )}
          .
        </p>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <p class="muted" role="status" tabIndex={-1} ref={statusLine}>
          {status}
        </p>
      </section>
      {list && (
        <section class="panel" aria-labelledby="private-top-heading">
          <div class="row">
            <h2 id="private-top-heading">Top {k} for you, ranked on this device</h2>
            <span class="badge">{list.source}</span>
            <HowMany k={k} onChange={setK} />
          </div>
          <OrderNote list={list} />
          <table class="stacked" data-testid="private-top-k" aria-describedby="order-note">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Title</th>
                <th scope="col">{rankingHeader(list)}</th>
                <th scope="col">{scoreHeader(list)}</th>
                <th scope="col">Rate it</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((item, rank) => (
                <tr
                  key={item.itemId}
                  data-item-id={item.itemId}
                  data-score={item.score}
                  data-ranking-score={item.rankingScore ?? ''}
                >
                  <td class="inline">{rank + 1}</td>
                  <td class="inline">{titleOf(item.itemId)}</td>
                  {scoreCells(list, item).map((cell, column) => (
                    <td key={column} data-label={[rankingHeader(list), scoreHeader(list)][column]}>
                      {cell}
                    </td>
                  ))}
                  <td>
                    <RatingSelect
                      label={`Rate ${titleOf(item.itemId)} privately`}
                      onRate={(r, select) => (ratedWith(select), rate(item.itemId, r))}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {user.ratings.length > 0 && (
            <div class="row">
              <p class="muted">
                Rated on this device:{' '}
                {user.ratings.map((r) => `${titleOf(r.itemId)} (${r.rating})`).join(', ')}
              </p>
              <button type="button" class="secondary" onClick={forget}>
                Forget my ratings
              </button>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
