// Calls a loader now and every `intervalMs` while the component is mounted; keeps the last value and error.
import { useEffect, useState } from 'preact/hooks';
import { describeError } from './api.ts';

/** What {@link usePolling} returns: the latest value, the latest error text, and a way to reload now. */
export interface Polled<T> {
  value: T | undefined;
  error: string | undefined;
  reload(): void;
}

/**
 * @example const { value: series } = usePolling(() => api<SeriesList>('/api/series'), 5000, []);
 */
export function usePolling<T>(load: () => Promise<T>, intervalMs: number, deps: unknown[]): Polled<T> {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        const next = await load();
        if (stopped) return;
        setValue(next);
        setError(undefined);
      } catch (failure) {
        if (!stopped) setError(describeError(failure));
      }
      if (!stopped && intervalMs > 0) timer = setTimeout(run, intervalMs);
    };
    void run();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
    // The caller lists what the loader depends on, as with useEffect.
  }, [...deps, tick]);
  return { value, error, reload: () => setTick((t) => t + 1) };
}
