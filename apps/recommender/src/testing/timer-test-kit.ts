// Timer invocations for tests: a Timer as the host passes it, and an InvocationContext whose log lines are kept.
import { InvocationContext, type Timer } from '@azure/functions';

/** A timer tick on schedule (not past due). */
export function createTestTimer(): Timer {
  const now = new Date().toISOString();
  return {
    isPastDue: false,
    schedule: { adjustForDST: true },
    scheduleStatus: { last: now, next: now, lastUpdated: now },
  };
}

/** An InvocationContext for `functionName` and the lines logged through it. */
export function createLoggedContext(functionName: string): { context: InvocationContext; lines: string[] } {
  const lines: string[] = [];
  const context = new InvocationContext({
    invocationId: `test-${functionName}`,
    functionName,
    logHandler: (_level, ...args) => lines.push(args.map(String).join(' ')),
  });
  return { context, lines };
}
