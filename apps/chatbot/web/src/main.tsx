// The chatbot console: the customer chat at #/, the agents' handoff desk at #agent, the knowledge base at #kb and
// the offline chat (answered in the browser) at #offline.
import { render } from 'preact';
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiKeyBar } from '@suite/console/web/api-key-bar.tsx';
import '@suite/console/web/base.css';
import './chat.css';
import { AgentView } from './agent-view.tsx';
import { CustomerChat } from './customer-chat.tsx';
import { KnowledgeBaseView } from './knowledge-base-view.tsx';

const VIEWS = ['agent', 'kb', 'offline'] as const;
const viewFromHash = () => VIEWS.find((v) => location.hash === `#${v}`) ?? 'customer';

function App() {
  const [view, setView] = useState(viewFromHash());
  // The offline chat carries the classifier code (about 60 KB more): loaded only when that view is opened.
  const [Offline, setOffline] = useState<ComponentType | undefined>();
  useEffect(() => {
    if (view === 'offline' && !Offline)
      void import('./offline-chat.tsx').then((m) => setOffline(() => m.OfflineChat));
  }, [view]);
  useEffect(() => {
    const onHash = () => setView(viewFromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  return (
    <>
      <header class="top">
        <h1>Chatbot console</h1>
        <nav aria-label="Views">
          <a href="#" aria-current={view === 'customer' ? 'page' : undefined}>
            Customer chat
          </a>
          <a href="#agent" aria-current={view === 'agent' ? 'page' : undefined}>
            Agent desk
          </a>
          <a href="#kb" aria-current={view === 'kb' ? 'page' : undefined}>
            Knowledge base
          </a>
          <a href="#offline" aria-current={view === 'offline' ? 'page' : undefined}>
            Offline
          </a>
        </nav>
      </header>
      <ApiKeyBar />
      <main>
        {view === 'agent' ? (
          <AgentView />
        ) : view === 'kb' ? (
          <KnowledgeBaseView />
        ) : view === 'offline' ? (
          Offline ? (
            <Offline />
          ) : (
            <p class="muted">Loading the offline chat…</p>
          )
        ) : (
          <CustomerChat />
        )}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
