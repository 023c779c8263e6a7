// A real model store whose publishes can be held at a gate the test opens: a training job that ends by publishing
// then stays active for as long as the test needs, instead of for as long as a tiny training happens to take.
import type { ModelStore } from '../models/types.ts';

/** The store to hand to the code under test, and the gate its publishes pass. */
export interface HeldPublishes {
  /** The wrapped store: every method is the real one; `publish` first waits at the gate while it is held. */
  store: ModelStore;
  /** From now on, publishes wait until {@link HeldPublishes.release}. */
  hold(): void;
  /** Resolves once a publish is waiting at the held gate (at once if one already is). */
  waiting(): Promise<void>;
  /** Lets the waiting publishes (and later ones) through to the real store. */
  release(): void;
}

/**
 * @example
 * const held = holdPublishes(createFsModelStore(dir));
 * held.hold();
 * const job = startTrainingWith(held.store); // runs until its publish, then waits
 * await held.waiting();                      // now the job is certainly still active
 * held.release();
 */
export function holdPublishes(inner: ModelStore): HeldPublishes {
  let gate: Promise<void> | undefined;
  let open = (): void => {};
  const waiters: Array<() => void> = [];
  let waitingCount = 0;
  const store: ModelStore = {
    ...inner,
    async publish(name, data, options) {
      if (gate) {
        waitingCount += 1;
        for (const notify of waiters.splice(0)) notify();
        await gate;
        waitingCount -= 1;
      }
      return inner.publish(name, data, options);
    },
  };
  return {
    store,
    hold() {
      if (gate) return;
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    waiting: () =>
      gate && waitingCount > 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)),
    release() {
      gate = undefined;
      open();
    },
  };
}
