// A FIFO async mutex: PGlite has one connection, so transactions and queries take turns on it.

/** Runs callbacks one at a time, in arrival order. */
export interface Mutex {
  runExclusive<T>(fn: () => Promise<T>): Promise<T>;
}

export function createMutex(): Mutex {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    runExclusive<T>(fn: () => Promise<T>): Promise<T> {
      const result = tail.then(fn);
      // The next caller waits for this one to settle, whether it succeeded or not.
      tail = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
  };
}
