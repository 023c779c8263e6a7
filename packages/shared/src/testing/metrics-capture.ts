// Captures the suite's OpenTelemetry metrics in memory: a real SDK MeterProvider installed as the global one, read
// through the SDK's InMemoryMetricExporter, so tests check what an exporter (Azure Monitor's) would be handed.
import { metrics, type Attributes } from '@opentelemetry/api';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type Histogram,
} from '@opentelemetry/sdk-metrics';

/** One exported data point: a counter's sum, or a histogram's count, sum, min and max. */
export interface CapturedPoint {
  attributes: Attributes;
  /** Counter total (cumulative). */
  value?: number;
  /** Histogram: how many values, their sum, min and max. */
  histogram?: { count: number; sum: number; min: number | undefined; max: number | undefined };
}

/** The capture started by {@link captureMetrics}. */
export interface MetricsCapture {
  /** Exports everything recorded so far and returns the points of metric `name` (cumulative; [] when none). */
  points(name: string): Promise<CapturedPoint[]>;
  /** Uninstalls the provider (the global one is the API's no-op again). */
  stop(): Promise<void>;
}

/**
 * Install an in-memory MeterProvider as the global one until `stop()`.
 *
 * @example
 * const capture = captureMetrics();
 * await handler(request, context);
 * expect(await capture.points('suite.prediction.duration')).toHaveLength(1);
 * await capture.stop();
 */
export function captureMetrics(): MetricsCapture {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  // Exports only when asked (forceFlush): an hour between periodic exports never comes within a test.
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ readers: [reader] });
  metrics.disable();
  metrics.setGlobalMeterProvider(provider);
  return {
    async points(name) {
      await reader.forceFlush();
      const latest = exporter.getMetrics().at(-1);
      const metric = latest?.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === name);
      if (!metric) return [];
      return metric.dataPoints.map((point) => {
        const value = point.value as number | Histogram;
        if (typeof value === 'number') return { attributes: point.attributes, value };
        return {
          attributes: point.attributes,
          histogram: { count: value.count, sum: value.sum ?? 0, min: value.min, max: value.max },
        };
      });
    },
    async stop() {
      metrics.disable();
      await provider.shutdown();
    },
  };
}
