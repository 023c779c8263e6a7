// A health probe with a deadline: a hung connection attempt must not hang /api/health.

/** How often the deadline looks at the clock; also the most one look may count (see pingWithin). */
const TICK_MS = 100;

/**
 * Shared by both engines: resolve true when `probe` succeeds before the deadline, false otherwise. The deadline
 * counts the time the event loop was free to read the probe's answer: each look at the clock counts at most one
 * tick, so a stretch of synchronous work (a training epoch) does not spend it. A busy process whose database
 * answers is busy, not cut off from its database; a hung connection still answers false after `timeoutMs`.
 */
export async function pingWithin(probe: () => Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<false>((resolve) => {
    let spent = 0;
    let last = performance.now();
    const look = () => {
      const now = performance.now();
      spent += Math.min(now - last, TICK_MS);
      last = now;
      if (spent >= timeoutMs) resolve(false);
      else timer = setTimeout(look, Math.min(TICK_MS, timeoutMs - spent));
    };
    timer = setTimeout(look, Math.min(TICK_MS, timeoutMs));
  });
  try {
    return await Promise.race([
      probe().then(
        () => true,
        () => false,
      ),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
