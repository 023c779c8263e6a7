// The admin key publish and serve need (x-admin-key): typed once, kept for the tab, one field in each admin panel.
import { useState } from 'preact/hooks';

const STORAGE = 'inference.adminKey';

/** The key and its setter; the App holds it so every panel's field shows the same key. */
export function useAdminKey(): [string, (key: string) => void] {
  const [key, setKey] = useState(sessionStorage.getItem(STORAGE) ?? '');
  return [
    key,
    (next) => {
      sessionStorage.setItem(STORAGE, next);
      setKey(next);
    },
  ];
}

export function AdminKeyField({ value, onChange }: { value: string; onChange(key: string): void }) {
  return (
    <label>
      Admin key
      <input
        type="password"
        autocomplete="off"
        value={value}
        onInput={(e) => onChange(e.currentTarget.value)}
      />
    </label>
  );
}
