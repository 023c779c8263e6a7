// The anomaly console: pick a series on the left, watch it on the right; the selection lives in the URL hash.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { usePolling } from '@suite/console/web/use-polling.ts';
import { AdminKeyBar } from '@suite/console/web/admin-key.tsx';
import { ApiKeyBar } from '@suite/console/web/api-key-bar.tsx';
import '@suite/console/web/base.css';
import { OfflineScorer } from './offline-scorer.tsx';
import { SeriesList } from './series-list.tsx';
import { SeriesView } from './series-view.tsx';
import { VersionsPanel } from './versions-panel.tsx';
import { loadSeriesPage } from './series-page.ts';

const selectedFromHash = () => new URLSearchParams(location.hash.slice(1)).get('series') ?? undefined;

function App() {
  const [selected, setSelected] = useState(selectedFromHash());
  useEffect(() => {
    const onHash = () => setSelected(selectedFromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const [filter, setFilter] = useState('');
  const list = usePolling(() => loadSeriesPage(filter, selected), 5000, [filter, selected]);
  const current = list.value?.chosen ?? (selected ? undefined : list.value?.series[0]);
  return (
    <>
      <header class="top">
        <h1>Anomaly console</h1>
        <span>Isolation Forest scores of every metric stream</span>
      </header>
      <ApiKeyBar />
      <AdminKeyBar purpose="Serving an older model version of a series needs it." />
      <main class="columns">
        <SeriesList
          series={list.value?.series}
          more={list.value?.more ?? false}
          filter={filter}
          onFilter={setFilter}
          error={list.error}
          selected={current?.id}
          onSelect={(id) => (location.hash = `series=${encodeURIComponent(id)}`)}
        />
        <div class="stack">
          {current ? (
            <>
              <SeriesView key={current.id} summary={current} />
              <VersionsPanel
                key={`versions-${current.id}`}
                modelName={current.modelName}
                refreshKey={current.modelVersion}
              />
              <OfflineScorer
                key={`offline-${current.id}`}
                series={current.id}
                hasModel={current.modelVersion !== null}
              />
            </>
          ) : (
            <section class="panel">
              <p class="muted">{selected ? `No series named ${selected}.` : 'Pick a series.'}</p>
            </section>
          )}
        </div>
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
