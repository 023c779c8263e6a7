// Telemetry: OpenTelemetry to Application Insights when configured, and the suite's own metrics recorded from where
// things happen (model loads, predictions, anomalies, feedback).
/**
 * @example
 * import { recordPrediction } from '@suite/shared/telemetry';
 * const started = performance.now();
 * const answer = await classify(text);
 * recordPrediction(performance.now() - started, { app: 'chatbot', operation: 'classify' });
 *
 * @module
 */
export { ensureTelemetry } from './start-telemetry.ts';
export {
  recordAnomaliesRaised,
  recordBatchRefused,
  recordFeedbackReceived,
  recordModelFallback,
  recordModelLoad,
  recordPrediction,
  recordRequest,
  SUITE_METRICS,
} from './suite-metrics.ts';
