// Watches this thread's event loop for stalls: the longest time between two turns of a short interval, which is
// how long a request arriving meanwhile would have waited before the app could even read it.

/** How often the watcher ticks. */
const TICK_MS = 10;

/**
 * Starts watching; `stop()` ends it and returns the longest stall seen, in milliseconds (the time still running
 * since the last tick included, so work that has not yielded yet counts too).
 * @example const stalls = watchLoopStalls(); await work(); expect(stalls.stop()).toBeLessThan(1000);
 */
export function watchLoopStalls(): { stop(): number } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, TICK_MS);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(longest, performance.now() - last);
    },
  };
}
