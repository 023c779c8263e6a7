// The shapes the recommender API answers with, as the console reads them.

export interface RecommendedItem {
  itemId: number;
  score: number;
  title?: string | null;
}

export interface Recommendation {
  userId: number;
  source: 'model' | 'cold-start' | 'popularity' | 'batch';
  modelVersion: string | null;
  items: RecommendedItem[];
}

/** GET /api/users/{id}/items/{item}/score; `contributions` once the API explains scores (issue 13). */
export interface ScoreResult {
  score: number;
  source?: string;
  contributions?: Array<{ feature: string; value: number }>;
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
  /** Present when the back end keeps the per-epoch history (issue 13's jobs). */
  history?: EpochRecord[];
}

/** A training job (issue 13): `POST /api/train` answering 202 with its id, read at `GET /api/jobs/{id}`. */
export interface TrainJob {
  id: string;
  state: string;
  progress?: number;
  history?: EpochRecord[];
  result?: TrainReport | null;
  error?: { title?: string; detail?: string } | string | null;
}
