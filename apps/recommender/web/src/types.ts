// The shapes the recommender API answers with, as the console reads them.

export interface RecommendedItem {
  itemId: number;
  /** The predicted rating (a preference in [0, 1] for iALS, a rating count for popularity lists). */
  score: number;
  /** What model lists are ordered by: the unclipped score plus the item's popularity bonus. */
  rankingScore?: number;
  title?: string | null;
}

export interface Recommendation {
  userId: number;
  source: 'model' | 'cold-start' | 'popularity' | 'batch';
  modelVersion: string | null;
  /** The kind of model that ranked the list (`ials`: preferences in [0, 1], not ratings); null when none did. */
  modelKind?: string | null;
  items: RecommendedItem[];
}

/** GET /api/users/{id}/items/{item}/score: the predicted rating, what the list ranks by, and why. */
export interface ScoreResult {
  score: number;
  rankingScore: number;
  rankingBonus: number;
  source: string;
  modelVersion: string;
  /** What `contributions` hold (feature terms of an FM, or nearest rated items for iALS). */
  explanation: string;
  intercept?: number;
  contributions: Array<{ feature: string; title?: string | null; value: number }>;
}

/** A version as `GET /api/models` lists it (`@suite/shared/models` describeModel). */
export interface ModelVersion {
  version: string;
  createdAt?: string;
  pinned?: boolean;
  served?: boolean;
  metadata?: {
    validation?: Record<string, number> | null;
    kind?: string;
    /** What fitted it: `sgd`, `momentum`, `adagrad`, `mcmc` or `als` (`sgd` or `pipeline` in older versions). */
    method?: string;
    /** Set by a distributed training run; by a pipeline run, its id. */
    distributed?: { mode: string; workers: number };
    pipelineRun?: string;
    trainCount?: number;
    bestEpoch?: number;
  };
}

/** One epoch of a training run: the trainer's EpochRecord. */
export interface EpochRecord {
  epoch: number;
  trainRmse: number;
  validationRmse?: number;
}

export interface TrainReport {
  model: string;
  version: string;
  kind: string;
  trainCount: number;
  validation: Record<string, number> | null;
  bestEpoch: number;
  epochs: number;
  trainMs: number;
  /** The job's per-epoch history. */
  history?: EpochRecord[];
}

/** A training job: `POST /api/train` answers 202 with it, followed at `GET /api/jobs/{id}` and its events. */
export interface TrainJob {
  id: string;
  state: string;
  progress?: number;
  history?: EpochRecord[];
  result?: TrainReport | null;
  error?: { title?: string; detail?: string } | string | null;
}
