// Deadlines that count the time the event loop was free: a hung connection attempt must not hang /api/health or
// a request, and a process that was busy (a training epoch) must not take its own stall for a database outage.

/** How often a deadline looks at the clock; also the most one look may count. */
const TICK_MS = 100;

/** A deadline of `timeoutMs` of free event-loop time: `expired` resolves once it is spent; `cancel` stops it. */
export interface LoopTimeDeadline {
  expired: Promise<void>;
  cancel(): void;
}

/**
 * Starts a deadline that counts only the time the event loop was free to read an answer: each look at the clock
 * counts at most one tick, so a stretch of synchronous work does not spend it. On a free loop it expires after
 * about `timeoutMs`.
 */
export function loopTimeDeadline(timeoutMs: number): LoopTimeDeadline {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<void>((resolve) => {
    let spent = 0;
    let last = performance.now();
    const look = () => {
      const now = performance.now();
      spent += Math.min(now - last, TICK_MS);
      last = now;
      if (spent >= timeoutMs) resolve();
      else timer = setTimeout(look, Math.min(TICK_MS, timeoutMs - spent));
    };
    timer = setTimeout(look, Math.min(TICK_MS, timeoutMs));
  });
  return { expired, cancel: () => clearTimeout(timer) };
}

/**
 * Shared by both engines: resolve true when `probe` succeeds before a {@link loopTimeDeadline} of `timeoutMs`,
 * false otherwise. A busy process whose database answers is busy, not cut off from its database; a hung
 * connection still answers false after `timeoutMs`.
 */
export async function pingWithin(probe: () => Promise<unknown>, timeoutMs: number): Promise<boolean> {
  const deadline = loopTimeDeadline(timeoutMs);
  try {
    return await Promise.race([
      probe().then(
        () => true,
        () => false,
      ),
      deadline.expired.then(() => false),
    ]);
  } finally {
    deadline.cancel();
  }
}
