// An abort signal for "no answer in this long", counted in turns of the event loop rather than wall time: a test
// that serves the app in its own process shares one loop with it, so the app's own CPU work (the chatbot's first
// classifier training blocked it 30-35 s at load 28 on 2 cores) stretched wall time and was taken for a hang.

/** How often the signal's clock ticks; a loop blocked for longer counts as one tick. */
const TICK_MS = 250;

/**
 * A signal that aborts with a `TimeoutError` once `ms` have passed on ticks of the event loop: Node runs an interval
 * at most once however long the loop was blocked, so time the loop spent blocked counts as a single tick.
 * Call `clear` once the awaited work has settled.
 * @example const timeout = loopTimeSignal(20_000); try { await fetch(url, { signal: timeout.signal }); } finally { timeout.clear(); }
 */
export function loopTimeSignal(ms: number): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  let left = Math.max(1, Math.ceil(ms / TICK_MS));
  const timer = setInterval(() => {
    if (--left > 0) return;
    clearInterval(timer);
    controller.abort(new DOMException(`no answer within ${ms} ms of the event loop running`, 'TimeoutError'));
  }, TICK_MS);
  timer.unref();
  return { signal: controller.signal, clear: () => clearInterval(timer) };
}
