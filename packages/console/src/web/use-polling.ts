// Calls a loader now and every `intervalMs` while the component is mounted; keeps the last value and error.
import { useEffect, useState } from 'preact/hooks';
import { describeError } from './api.ts';

/** What {@link usePolling} returns: the latest value, the latest error (as text and as thrown), a reload now. */
export interface Polled<T> {
  value: T | undefined;
  error: string | undefined;
  /** The latest load's thrown value (an ApiError keeps its status), for a page that words failures itself. */
  failure: unknown;
  reload(): void;
}

/**
 * @example const { value: series } = usePolling(() => api<SeriesList>('/api/series'), 5000, []);
 */
export function usePolling<T>(load: () => Promise<T>, intervalMs: number, deps: unknown[]): Polled<T> {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        const next = await load();
        if (stopped) return;
        setValue(next);
        setFailure(undefined);
      } catch (thrown) {
        // An undefined throw still counts as a failure.
        if (!stopped) setFailure(thrown ?? new Error('failed'));
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
  const error = failure === undefined ? undefined : describeError(failure);
  return { value, error, failure, reload: () => setTick((t) => t + 1) };
}
