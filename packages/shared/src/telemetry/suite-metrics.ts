// The suite's own OpenTelemetry metrics, recorded through the OTel metrics API on whatever MeterProvider is global:
// the Azure Monitor distro's once APPLICATIONINSIGHTS_CONNECTION_STRING started it, a test's, or the API's no-op.
import {
  metrics,
  type Attributes,
  type Counter,
  type Histogram,
  type MeterProvider,
} from '@opentelemetry/api';

/** Names of the suite's metrics (Application Insights `customMetrics`), one place for code, tests and queries. */
export const SUITE_METRICS = {
  requestDuration: 'suite.request.duration',
  requests: 'suite.requests',
  modelLoadDuration: 'suite.model.load.duration',
  modelFallbacks: 'suite.model.fallbacks',
  predictionDuration: 'suite.prediction.duration',
  anomaliesRaised: 'suite.anomalies.raised',
  feedbackReceived: 'suite.feedback.received',
  batchesRefused: 'suite.batches.refused',
} as const;

interface Instruments {
  requestDuration: Histogram;
  requests: Counter;
  modelLoad: Histogram;
  modelFallbacks: Counter;
  prediction: Histogram;
  anomalies: Counter;
  feedback: Counter;
  refused: Counter;
}

let cached: { provider: MeterProvider; instruments: Instruments } | undefined;

/**
 * The instruments of the current global provider. The OTel API has no proxy for metrics: instruments taken from the
 * no-op provider stay no-ops, so they are rebuilt when a real provider is installed (after the first request).
 */
function instruments(): Instruments {
  const provider = metrics.getMeterProvider();
  if (cached?.provider !== provider) {
    const meter = provider.getMeter('suite');
    cached = {
      provider,
      instruments: {
        requestDuration: meter.createHistogram(SUITE_METRICS.requestDuration, { unit: 'ms' }),
        requests: meter.createCounter(SUITE_METRICS.requests),
        modelLoad: meter.createHistogram(SUITE_METRICS.modelLoadDuration, {
          unit: 'ms',
          description: 'Reading a model artifact and decoding it (a cold or refreshed load)',
        }),
        modelFallbacks: meter.createCounter(SUITE_METRICS.modelFallbacks, {
          description:
            'A model served from an older version because the one latest points at does not decode',
        }),
        prediction: meter.createHistogram(SUITE_METRICS.predictionDuration, {
          unit: 'ms',
          description: 'One prediction call: a top-K, a chat turn classified, a batch of points scored',
        }),
        anomalies: meter.createCounter(SUITE_METRICS.anomaliesRaised, {
          description: 'Points scored as anomalies',
        }),
        feedback: meter.createCounter(SUITE_METRICS.feedbackReceived, {
          description: 'Feedback stored: chat answer feedback, rating and click events',
        }),
        refused: meter.createCounter(SUITE_METRICS.batchesRefused, {
          description:
            'Batches of which nothing was taken, from a source with no caller to answer (Event Hubs)',
        }),
      },
    };
  }
  return cached.instruments;
}

/** Attributes kept small and bounded (no user, session or series ids): they become dimensions. */
type Dimensions = Record<string, string | number | boolean | undefined>;

function clean(dimensions: Dimensions): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(dimensions)) if (value !== undefined) out[key] = value;
  return out;
}

/** One served request: `suite.request.duration` (ms) and `suite.requests`, by function and status. */
export function recordRequest(durationMs: number, dimensions: { function: string; status: number }): void {
  const { requestDuration, requests } = instruments();
  requestDuration.record(durationMs, dimensions);
  requests.add(1, dimensions);
}

/**
 * A model loaded into a warm instance: `suite.model.load.duration` (ms).
 *
 * @example
 * recordModelLoad(12.3, { model: 'recommender-fm', version: '20261130-…', cache: 'recommender' });
 */
export function recordModelLoad(
  durationMs: number,
  dimensions: { model: string; version: string; cache?: string },
): void {
  instruments().modelLoad.record(durationMs, clean(dimensions));
}

/**
 * A warm instance found that `latest` of a model does not decode (or its pointer is malformed) and serves an older
 * version instead: `suite.model.fallbacks`, once per instance and broken latest (a cold load that fell back, or a refresh).
 *
 * @example
 * recordModelFallback({ model: 'recommender-fm', version: '20261129-…', latest: '20261130-…', cache: 'recommender' });
 */
export function recordModelFallback(dimensions: {
  model: string;
  /** The version served. */
  version: string;
  /** The version `latest` points at, which does not decode or is not stored; `unreadable` for a malformed pointer. */
  latest: string;
  cache?: string;
}): void {
  instruments().modelFallbacks.add(1, clean(dimensions));
}

/**
 * One prediction: `suite.prediction.duration` (ms), by app, operation and what answered (`source`, `model`).
 *
 * @example
 * const started = performance.now();
 * const answer = await recommend(userId, k);
 * recordPrediction(performance.now() - started, { app: 'recommender', operation: 'recommend', source: answer.source });
 */
export function recordPrediction(
  durationMs: number,
  dimensions: { app: string; operation: string; source?: string; model?: string },
): void {
  instruments().prediction.record(durationMs, clean(dimensions));
}

/** Points scored as anomalies: `suite.anomalies.raised` (nothing is recorded for 0). */
export function recordAnomaliesRaised(
  count: number,
  dimensions: { app: string; via?: string } = { app: 'anomaly' },
): void {
  if (count > 0) instruments().anomalies.add(count, clean(dimensions));
}

/** Feedback stored (not a redelivered duplicate): `suite.feedback.received`, by app and kind. */
export function recordFeedbackReceived(dimensions: { app: string; kind: string }): void {
  instruments().feedback.add(1, clean(dimensions));
}

/**
 * A batch refused whole where nobody can be answered (an Event Hubs batch whose every point was rejected):
 * `suite.batches.refused`, by app and source, so an alert rule can watch for data lost at the checkpoint.
 */
export function recordBatchRefused(dimensions: { app: string; source: string }): void {
  instruments().refused.add(1, clean(dimensions));
}
