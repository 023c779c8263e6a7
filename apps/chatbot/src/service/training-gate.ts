// One training per instance: an admin's job is refused with a 409 while another runs (its options would be
// silently merged into the running one's otherwise), and callers that only need a model share the one in flight.
import { ConflictError } from '@suite/shared/errors';

export interface TrainingGate<T> {
  /** Runs `job` alone: a retryable ConflictError (409) at once while any training runs on this instance. */
  exclusive(job: () => Promise<T>): Promise<T>;
  /** Joins the training in flight (whoever started it), or starts `job` for every caller waiting on a model. */
  shared(job: () => Promise<T>): Promise<T>;
}

/**
 * @example
 * const gate = createTrainingGate<TrainResult>();
 * await gate.exclusive(() => trainWith({ seed: 2 })); // POST /api/train: 409 while another job runs
 * await gate.shared(() => trainWith({}));             // first chat on an empty store: joins any job in flight
 */
export function createTrainingGate<T>(): TrainingGate<T> {
  let running: Promise<T> | undefined;
  const track = (job: () => Promise<T>): Promise<T> => {
    const run = job();
    running = run;
    const clear = () => {
      if (running === run) running = undefined;
    };
    run.then(clear, clear);
    return run;
  };
  return {
    exclusive(job) {
      if (running !== undefined) {
        return Promise.reject(
          new ConflictError(
            'a training job is already running on this instance; retry when it has finished',
            {
              retryable: true,
            },
          ),
        );
      }
      return track(job);
    },
    shared(job) {
      return running ?? track(job);
    },
  };
}
