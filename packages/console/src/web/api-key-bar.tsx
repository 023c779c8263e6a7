// Asks for an API key when the app refuses calls without one (API_KEYS=on); hidden otherwise.
import { useEffect, useState } from 'preact/hooks';
import { API_KEY_NEEDED, getApiKey, setApiKey } from './api.ts';

/** The bar's words, for a console that speaks another language than English. */
export interface ApiKeyBarLabels {
  /** Said before the server's (English) reason; without it the reason is said alone. */
  needed?: string;
  /**
   * The bar's name as a landmark (a named form), so a screen reader's landmark list reaches it. It must not hold the
   * field's label ("API key"): the field is found by that label. Default "API access".
   */
  region?: string;
  /** The field's label. Default "API key". */
  apiKey?: string;
  /** The button. Default "Use this key". */
  useThisKey?: string;
}

/**
 * Put it once at the top of a console. It appears after the first call refused for want of a key, keeps the key
 * in this tab's sessionStorage (sent as x-api-key from then on) and reloads the page.
 * @example <ApiKeyBar labels={{ needed: '此应用需要 API 密钥。', apiKey: 'API 密钥', useThisKey: '使用此密钥' }} />
 */
export function ApiKeyBar({ labels = {} }: { labels?: ApiKeyBarLabels }) {
  const [reason, setReason] = useState<string | undefined>();
  const [key, setKey] = useState(getApiKey() ?? '');
  useEffect(() => {
    const onNeeded = (event: Event) =>
      setReason(String((event as CustomEvent).detail ?? 'An API key is needed.'));
    addEventListener(API_KEY_NEEDED, onNeeded);
    return () => removeEventListener(API_KEY_NEEDED, onNeeded);
  }, []);
  if (!reason) return null;
  return (
    <form
      class="panel row api-key"
      aria-label={labels.region ?? 'API access'}
      onSubmit={(e) => {
        e.preventDefault();
        setApiKey(key.trim() || null);
        location.reload();
      }}
    >
      {labels.needed ? (
        <span role="alert">
          {labels.needed}{' '}
          <span class="muted" lang="en">
            ({reason})
          </span>
        </span>
      ) : (
        <span role="alert">{reason}</span>
      )}
      <label>
        {labels.apiKey ?? 'API key'}
        <input type="password" value={key} onInput={(e) => setKey(e.currentTarget.value)} />
      </label>
      <button type="submit">{labels.useThisKey ?? 'Use this key'}</button>
    </form>
  );
}
