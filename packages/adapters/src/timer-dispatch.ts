// Runs a timer function on a platform's scheduler event, through the same invocation steps as suite-host.
import { createTriggerRequest, getTriggerBinding, runInvocation } from '@suite/host/embed';
import type { FunctionApp } from './function-app.ts';

/** The outcome of a scheduled run, as the adapters return it to the platform (and log it). */
export interface TimerOutcome {
  function: string;
  status: 'Succeeded';
  durationMs: number;
}

/** A scheduler event that names no timer of the app, or names an HTTP function. */
export class UnknownTimerError extends Error {
  constructor(name: string, known: string[]) {
    super(`No timer function named "${name}" (timers: ${known.join(', ') || 'none'})`);
    this.name = 'UnknownTimerError';
  }
}

/** The app's timer functions, by name. */
export function timerNames(app: FunctionApp): string[] {
  return [...app.registry.functions.values()]
    .filter((fn) => getTriggerBinding(fn).type === 'timertrigger')
    .map((fn) => fn.name);
}

/**
 * Runs the timer function `name` (case-insensitive, as the admin API matches names) with the schedule status the
 * Functions host would send. A failure rejects, so the platform records a failed run and applies its retry policy.
 * @example await runTimer(app, 'retrainTimer');
 */
export async function runTimer(app: FunctionApp, name: string): Promise<TimerOutcome> {
  const fn = [...app.registry.functions.values()].find(
    (f) => f.name.toLowerCase() === name.toLowerCase() && getTriggerBinding(f).type === 'timertrigger',
  );
  if (!fn) throw new UnknownTimerError(name, timerNames(app));
  const started = performance.now();
  await runInvocation(app.registry, fn, createTriggerRequest(fn, { isPastDue: false }));
  const durationMs = performance.now() - started;
  app.registry.log('information', 'system', `[${fn.name}] timer Succeeded ${durationMs.toFixed(1)}ms`);
  return { function: fn.name, status: 'Succeeded', durationMs };
}
