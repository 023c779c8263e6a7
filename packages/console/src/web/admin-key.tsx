// The admin key (x-admin-key) a console's admin actions need: typed once per page in one field, kept for this tab
// only (sessionStorage: gone when the tab closes, never in localStorage, never sent to another origin), forgotten
// on request. Every component reading it with useAdminKey follows that one field.
import { useEffect, useState } from 'preact/hooks';

const STORAGE = 'suite.adminKey';
const listeners = new Set<(key: string) => void>();

/** The key this tab keeps, or '' when none was given (or it was forgotten). */
export const getAdminKey = (): string => sessionStorage.getItem(STORAGE) ?? '';

/** Keeps `key` for this tab ('' forgets it) and tells every {@link useAdminKey} of the page. */
export function setAdminKey(key: string): void {
  if (key) sessionStorage.setItem(STORAGE, key);
  else sessionStorage.removeItem(STORAGE);
  for (const listener of listeners) listener(key);
}

const NOT_SENDABLE =
  'An admin key is plain ASCII: this one holds "{char}", which no request can carry. Check the keyboard layout.';

/**
 * Why the key cannot be sent, or undefined: an HTTP header carries no character beyond U+00FF (fetch refuses the
 * call), so a key typed on a Cyrillic or Chinese keyboard layout would fail every action with a browser error.
 * `template` words it ("{char}" is the character; the key itself is never named).
 * @example adminKeyProblem('ключ') // 'An admin key is plain ASCII: this one holds "к" ...'
 */
export function adminKeyProblem(key: string, template = NOT_SENDABLE): string | undefined {
  const bad = /[^\t\x20-\xff]/u.exec(key)?.[0];
  return bad === undefined ? undefined : template.replaceAll('{char}', bad);
}

/** The key as headers: `{ 'x-admin-key': key }`, or none while there is no key. */
export function adminKeyHeaders(): Record<string, string> {
  const key = getAdminKey();
  return key ? { 'x-admin-key': key } : {};
}

/**
 * The page's admin key, re-rendering its component when the key is typed or forgotten.
 * @example const adminKey = useAdminKey(); <button disabled={!adminKey}>Serve this version</button>
 */
export function useAdminKey(): string {
  const [key, setKey] = useState(getAdminKey);
  useEffect(() => {
    listeners.add(setKey);
    // A key set between the first render and this effect is not missed.
    setKey(getAdminKey());
    return () => void listeners.delete(setKey);
  }, []);
  return key;
}

/** The bar's own words, for a console that speaks another language than English. */
export interface AdminKeyBarLabels {
  /**
   * The bar's name as a landmark (a named form), so a screen reader's landmark list reaches it. It must not hold the
   * field's label ("Admin key"): the field is found by that label. Default "Admin access".
   */
  region?: string;
  /** The field's label. Default "Admin key". */
  adminKey?: string;
  /** The button. Default "Forget the key". */
  forget?: string;
  /**
   * Said right after the purpose, so it starts with the space the language puts between sentences (none in
   * Chinese). Default " Kept in this tab only until it closes, or until you forget it."
   */
  keptHere?: string;
  /**
   * Said when the key holds a character no request can carry; "{char}" is that character. Default 'An admin key
   * is plain ASCII: this one holds "{char}", which no request can carry. Check the keyboard layout.'
   */
  notSendable?: string;
}

/** Props of {@link AdminKeyBar}. */
export interface AdminKeyBarProps {
  /** What the key is for on this page: "Publishing and serving a version need it." */
  purpose: string;
  labels?: AdminKeyBarLabels;
}

/**
 * The page's one admin key field, with a button that forgets the key. Put it once near the top of a console.
 * @example <AdminKeyBar purpose="Publishing and serving a version need it." />
 */
export function AdminKeyBar({ purpose, labels = {} }: AdminKeyBarProps) {
  const key = useAdminKey();
  const problem = adminKeyProblem(key, labels.notSendable);
  return (
    <form class="admin-key" aria-label={labels.region ?? 'Admin access'} onSubmit={(e) => e.preventDefault()}>
      <div class="row">
        <label>
          {labels.adminKey ?? 'Admin key'}
          <input
            type="password"
            autocomplete="off"
            value={key}
            onInput={(e) => setAdminKey(e.currentTarget.value)}
          />
        </label>
        {key && (
          <button type="button" class="secondary" onClick={() => setAdminKey('')}>
            {labels.forget ?? 'Forget the key'}
          </button>
        )}
      </div>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      <p class="muted">
        {purpose}
        {labels.keptHere ?? ' Kept in this tab only until it closes, or until you forget it.'}
      </p>
    </form>
  );
}
