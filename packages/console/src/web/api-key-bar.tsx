// Asks for an API key when the app refuses calls without one (API_KEYS=on); hidden otherwise.
import { useEffect, useState } from 'preact/hooks';
import { API_KEY_NEEDED, getApiKey, setApiKey } from './api.ts';

/**
 * Put it once at the top of a console. It appears after the first call refused for want of a key, keeps the key
 * in this tab's sessionStorage (sent as x-api-key from then on) and reloads the page.
 */
export function ApiKeyBar() {
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
      onSubmit={(e) => {
        e.preventDefault();
        setApiKey(key.trim() || null);
        location.reload();
      }}
    >
      <span role="alert">{reason}</span>
      <label>
        API key
        <input type="password" value={key} onInput={(e) => setKey(e.currentTarget.value)} />
      </label>
      <button type="submit">Use this key</button>
    </form>
  );
}
