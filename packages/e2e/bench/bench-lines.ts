// What the cold-start benches print: one JSON line per figure, with the 1-minute load average and the time.
import { loadavg } from 'node:os';

/** The admin key the benches' isolated app states are started with. */
export const ADMIN_KEY = 'bench-admin-key';

/** Prints `line` as one JSON line, with the load average and the time. */
export function emit(line: Record<string, unknown>): void {
  console.log(
    JSON.stringify({ ...line, loadavg1m: +(loadavg()[0] ?? 0).toFixed(2), at: new Date().toISOString() }),
  );
}

/** Rounds to one decimal. */
export const round = (n: number) => Math.round(n * 10) / 10;
