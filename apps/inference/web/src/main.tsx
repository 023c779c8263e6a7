// The inference console: the published models on the left; for the one picked, its signature, a "Try it"
// prediction form and its versions; publishing a model below them. The selection lives in the URL hash.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '@suite/console/web/api.ts';
import { AdminKeyBar } from '@suite/console/web/admin-key.tsx';
import { ApiKeyBar } from '@suite/console/web/api-key-bar.tsx';
import { usePolling } from '@suite/console/web/use-polling.ts';
import '@suite/console/web/base.css';
import './inference.css';
import { ModelList } from './model-list.tsx';
import { ModelPanel } from './model-panel.tsx';
import { PublishPanel } from './publish-panel.tsx';
import { TryIt } from './try-it.tsx';
import type { ModelSummary, PublishLimits } from './types.ts';
import { VersionsPanel } from './versions-panel.tsx';

const selectedFromHash = () => new URLSearchParams(location.hash.slice(1)).get('model') ?? undefined;
const select = (name: string) => (location.hash = `model=${encodeURIComponent(name)}`);

function App() {
  const [selected, setSelected] = useState(selectedFromHash());
  // Bumped by a publish, pin or unpin made on this page: the list and the versions are read again at once.
  const [changes, setChanges] = useState(0);
  const changed = () => setChanges((n) => n + 1);
  useEffect(() => {
    const onHash = () => setSelected(selectedFromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const list = usePolling(
    () => api<{ models: ModelSummary[]; limits?: PublishLimits }>('/api/models'),
    10_000,
    [changes],
  );
  const models = list.value?.models;
  const current = models?.find((m) => m.name === selected) ?? (selected ? undefined : models?.[0]);
  return (
    <>
      <header class="top">
        <h1>Inference console</h1>
        <span>ONNX models from scikit-learn, PyTorch and TensorFlow, served by ONNX Runtime</span>
      </header>
      <ApiKeyBar />
      <AdminKeyBar purpose="Publishing a model and serving a version need it." />
      <main class="columns">
        <ModelList models={models} error={list.error} selected={current?.name} onSelect={select} />
        <div class="stack">
          {current ? (
            <>
              <ModelPanel model={current} />
              {/* A new serving version may take other inputs: the form starts again from its signature. */}
              <TryIt key={`${current.name}@${current.serving}`} model={current} />
              <VersionsPanel
                name={current.name}
                refreshKey={`${changes}:${current.serving}:${current.versionCount}`}
                onChanged={changed}
              />
            </>
          ) : (
            selected &&
            models && (
              <section class="panel">
                <p class="muted">No model named {selected} is published.</p>
              </section>
            )
          )}
          <PublishPanel
            initialName={current?.name ?? selected ?? ''}
            limits={list.value?.limits}
            onPublished={(name) => {
              changed();
              select(name);
            }}
          />
        </div>
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
