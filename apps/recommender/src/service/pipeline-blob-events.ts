// Pipeline runs started by storage: an Event Grid `Microsoft.Storage.BlobCreated` event (delivered to the
// `rec-pipeline-uploads` queue) for a file under `uploads/` in PIPELINE_CONTAINER starts a run, once per event id.
import { randomUUID } from 'node:crypto';
import type { Db } from '@suite/shared/db';
import { ValidationError } from '@suite/shared/errors';
import { getRun, insertRun } from '../store/pipeline-repository.ts';
import type { PipelineView } from './pipeline-view.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a blob event needs of the pipelines. */
export interface BlobEventDeps {
  db: Db;
  /** PIPELINE_CONTAINER: events about other containers are ignored. */
  container: string;
  ready(): Promise<unknown>;
  /** Starts a run on `blob` with the default options under `id` (a ValidationError when the file is refused). */
  start(blob: string, id: string): Promise<PipelineView>;
  /** Queues the split of run `id` again. */
  resendSplit(id: string): Promise<void>;
  view(id: string): Promise<PipelineView>;
}

/**
 * The handler of blob events: the run's id is the event's, so a repeated event starts nothing new; a file the start
 * refuses gives a failed run saying why; an event about anything else gives undefined.
 * @example const fromBlobEvent = createBlobEventStarts({ db, container, ready, start, resendSplit, view });
 */
export function createBlobEventStarts(
  deps: BlobEventDeps,
): (event: unknown) => Promise<PipelineView | undefined> {
  return async (event) => {
    await deps.ready();
    const e = (typeof event === 'string' ? JSON.parse(event) : event) as {
      id?: unknown;
      eventType?: unknown;
      subject?: unknown;
    };
    if (e?.eventType !== 'Microsoft.Storage.BlobCreated' || typeof e.subject !== 'string') return undefined;
    const match = /^\/blobServices\/default\/containers\/([^/]+)\/blobs\/(.+)$/.exec(e.subject);
    if (!match || match[1] !== deps.container || !match[2]!.startsWith('uploads/')) return undefined;
    const blob = match[2]!;
    const id = typeof e.id === 'string' && UUID.test(e.id) ? e.id.toLowerCase() : randomUUID();
    const existing = await getRun(deps.db, id);
    if (existing) {
      // A repeated event: the first delivery may have stopped before queueing the split (which runs once).
      if (existing.state === 'running') await deps.resendSplit(id);
      return deps.view(id);
    }
    try {
      return await deps.start(blob, id);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      await insertRun(deps.db, { id, blob, format: 'csv', options: {}, error: error.message });
      return deps.view(id);
    }
  };
}
