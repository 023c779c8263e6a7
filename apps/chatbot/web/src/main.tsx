// The chatbot console: the customer chat at #/ and the agents' handoff desk at #agent.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiKeyBar } from '@suite/console/web/api-key-bar.tsx';
import '@suite/console/web/base.css';
import './chat.css';
import { AgentView } from './agent-view.tsx';
import { CustomerChat } from './customer-chat.tsx';
import { KnowledgeBaseView } from './knowledge-base-view.tsx';

const viewFromHash = () =>
  location.hash === '#agent' ? 'agent' : location.hash === '#kb' ? 'kb' : 'customer';

function App() {
  const [view, setView] = useState(viewFromHash());
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
        </nav>
      </header>
      <ApiKeyBar />
      <main>
        {view === 'agent' ? <AgentView /> : view === 'kb' ? <KnowledgeBaseView /> : <CustomerChat />}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
