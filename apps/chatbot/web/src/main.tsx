// The chatbot console: the customer chat at #/, the agents' handoff desk at #agent, the knowledge base at #kb and
// the offline chat (answered in the browser) at #offline; the staff pages in the agent's UI language.
import { render } from 'preact';
import type { ComponentType } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { AdminKeyBar } from '@suite/console/web/admin-key.tsx';
import { ApiKeyBar } from '@suite/console/web/api-key-bar.tsx';
import '@suite/console/web/base.css';
import './chat.css';
import { AgentView } from './agent-view.tsx';
import { CustomerChat } from './customer-chat.tsx';
import { KnowledgeBaseView } from './knowledge-base-view.tsx';
import { LanguageSwitcher } from './language-switcher.tsx';
import { loadUiLanguage, saveUiLanguage } from './ui-language-storage.ts';
import { createUiLocale, UiLocaleProvider } from './ui-locale.ts';

const VIEWS = ['agent', 'kb', 'offline'] as const;
const viewFromHash = () => VIEWS.find((v) => location.hash === `#${v}`) ?? 'customer';

function App() {
  const [view, setView] = useState(viewFromHash());
  const [language, setLanguage] = useState(loadUiLanguage);
  const locale = useMemo(() => createUiLocale(language), [language]);
  const { t } = locale;
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t.appTitle;
  }, [language]);
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
    <UiLocaleProvider value={locale}>
      <header class="top">
        <h1>{t.appTitle}</h1>
        <nav aria-label={t.views}>
          <a href="#" aria-current={view === 'customer' ? 'page' : undefined}>
            {t.viewCustomer}
          </a>
          <a href="#agent" aria-current={view === 'agent' ? 'page' : undefined}>
            {t.viewAgent}
          </a>
          <a href="#kb" aria-current={view === 'kb' ? 'page' : undefined}>
            {t.viewKb}
          </a>
          <a href="#offline" aria-current={view === 'offline' ? 'page' : undefined}>
            {t.viewOffline}
          </a>
        </nav>
        <LanguageSwitcher onChange={(picked) => (saveUiLanguage(picked), setLanguage(picked))} />
      </header>
      <ApiKeyBar
        labels={{ needed: t.apiKeyNeeded, region: t.apiAccess, apiKey: t.apiKey, useThisKey: t.useThisKey }}
      />
      {/* One admin key for the staff pages (the desk's and the knowledge base's calls check the same ADMIN_KEY),
          typed once, kept in this tab; the customer's pages need none. */}
      {(view === 'agent' || view === 'kb') && (
        <AdminKeyBar
          purpose={t.adminKeyPurpose}
          labels={{
            region: t.adminAccess,
            adminKey: t.adminKey,
            forget: t.forgetKey,
            keptHere: t.keptHere,
            notSendable: t.notSendable,
          }}
        />
      )}
      <main>
        {view === 'agent' ? (
          <AgentView />
        ) : view === 'kb' ? (
          <KnowledgeBaseView />
        ) : view === 'offline' ? (
          Offline ? (
            <Offline />
          ) : (
            <p class="muted">{t.loadingOffline}</p>
          )
        ) : (
          <CustomerChat />
        )}
      </main>
    </UiLocaleProvider>
  );
}

render(<App />, document.getElementById('app')!);
