// The recommender console: a user's recommendations at #/ (or #user=N), the model at #model, private mode at
// #private (ratings kept and ranked in the browser).
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { AdminKeyBar } from '@suite/console/web/admin-key.tsx';
import { ApiKeyBar } from '@suite/console/web/api-key-bar.tsx';
import '@suite/console/web/base.css';
import { ModelView } from './model-view.tsx';
import { PrivateView } from './private-view.tsx';
import { RecommendationsView, userFromHash } from './recommendations-view.tsx';

const viewFromHash = () =>
  location.hash === '#model' ? 'model' : location.hash === '#private' ? 'private' : 'users';

function App() {
  const [view, setView] = useState(viewFromHash());
  // The user last shown, so "Recommendations" from another view goes back to that user's list.
  const [user, setUser] = useState(userFromHash());
  useEffect(() => {
    const onHash = () => {
      setView(viewFromHash());
      setUser((last) => userFromHash() ?? last);
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  return (
    <>
      <header class="top">
        <h1>Recommender console</h1>
        <nav aria-label="Views">
          <a href={user ? `#user=${user}` : '#'} aria-current={view === 'users' ? 'page' : undefined}>
            Recommendations
          </a>
          <a href="#private" aria-current={view === 'private' ? 'page' : undefined}>
            Private mode
          </a>
          <a href="#model" aria-current={view === 'model' ? 'page' : undefined}>
            Model
          </a>
        </nav>
      </header>
      <ApiKeyBar />
      {/* Private mode calls nothing: the key would only distract there. */}
      {view !== 'private' && <AdminKeyBar purpose="Training, serving a model version and rating need it." />}
      <main>
        {view === 'model' ? <ModelView /> : view === 'private' ? <PrivateView /> : <RecommendationsView />}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
