// The shapes the anomaly API answers with, as the console reads them.

export interface SeriesSummary {
  id: string;
  pointCount: number;
  lastPointAt: string | null;
  webhookUrl: string | null;
  modelVersion: string | null;
  /** The series' model in the model store, for GET /api/models?name=. */
  modelName: string;
  anomalyCount: number;
}

/** One version of a model as GET /api/models lists it. */
export interface ModelVersion {
  version: string;
  createdAt: string;
  metadata: Record<string, unknown>;
  served: boolean;
  pinned: boolean;
}

export interface ScoredPoint {
  timestamp: string;
  value: number;
  score: number | null;
  z: number | null;
  threshold: number | null;
  verdict: string;
}

/** A webhook delivery of an incident's alert, shown when the API includes them (issue 13). */
export interface Delivery {
  type?: string;
  status: string;
  attempts?: number;
  lastError?: string | null;
  deliveredAt?: string | null;
}

export interface Incident {
  id: string;
  status: 'open' | 'closed';
  openedAt: string;
  lastAnomalyAt: string;
  closedAt: string | null;
  anomalies: number;
  peakScore: number;
  deliveries?: Delivery[];
}
