// Orders a test's steps by events, never by waiting a while.

/**
 * A promise the test resolves when it decides.
 * @example const release = latch(); const busy = db.transaction(() => release.promise); release.open(); await busy;
 */
export function latch(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
