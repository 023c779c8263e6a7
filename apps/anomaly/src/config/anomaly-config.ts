// The anomaly app's own settings, read once from the environment, validated and frozen.
import { z } from 'zod';
import { loadConfig } from '@suite/shared/config';
import { RED_Z } from '../stream/score-likelihood.ts';
import { createWebhookAddressPolicy, type WebhookAddressPolicy } from '../service/webhook-address-policy.ts';

const schema = z.object({
  ANOMALY_WINDOW_SIZE: z.coerce.number().int().min(64).max(100_000).default(8192),
  ANOMALY_MIN_POINTS: z.coerce.number().int().min(16).max(100_000).default(96),
  ANOMALY_Z_THRESHOLD: z.coerce.number().min(0.5).max(50).default(RED_Z),
  ANOMALY_TREES: z.coerce.number().int().min(1).max(1000).default(50),
  /** `off`: GET /api/edge/series/{id} (the console's offline scoring) answers 404. */
  EDGE_MODEL: z.enum(['on', 'off'], 'expected on or off').default('on'),
  ANOMALY_ACTIVE_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 365)
    .default(24),
  ALERT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
  ALERT_BACKOFF_SECONDS: z.coerce.number().min(0).max(86_400).default(30),
  ALERT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  // 0 disables that limit; at least one should stay on or an incident only closes by the other.
  ALERT_INCIDENT_GAP_POINTS: z.coerce.number().int().min(0).max(1_000_000).default(20),
  ALERT_INCIDENT_GAP_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .default(1800),
  ALERT_ON_CLOSE: z.enum(['true', 'false', '1', '0']).default('false'),
  // Private targets alerts may reach (host names, addresses, CIDRs); everything else must be public unicast.
  ALERT_ALLOWED_HOSTS: z
    .string()
    .max(4000)
    .optional()
    .superRefine((value, ctx) => {
      try {
        createWebhookAddressPolicy(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  // Set by Azure to the app's own host name; a webhook pointing there would feed alerts back in as metrics.
  WEBSITE_HOSTNAME: z.string().max(253).optional(),
  // `1` (set by `suite-host --dev`): seed demo streams into an empty database and keep them flowing.
  SEED_DEMO: z.enum(['0', '1'], 'expected 0 or 1').default('0'),
});

/** The variables this schema reads (the README, local.settings.example.json and turbo.json must name each). */
export const ANOMALY_SETTING_NAMES: readonly string[] = Object.keys(schema.shape);

export interface AnomalyConfig {
  /** Points per series the model is refit on (the sliding window). */
  windowSize: number;
  /** Points a series needs before it is scored; fewer answer "warming-up". */
  minPoints: number;
  /** |z| of the 20-point mean score, against the series' usual such means, at which a point alarms. */
  zThreshold: number;
  nTrees: number;
  /** A series with a point this recent is refit by the timer. */
  activeHours: number;
  alertMaxAttempts: number;
  /** First retry delay; each later one doubles. */
  alertBackoffSeconds: number;
  alertTimeoutMs: number;
  /** An incident closes after this many points without an anomaly (null: no limit in points). */
  incidentGapPoints: number | null;
  /** ... or this long after its last anomaly (null: no limit in time). */
  incidentGapSeconds: number | null;
  /** Send a second alert when an incident closes. */
  alertOnClose: boolean;
  /** Which webhook addresses alerts may reach: public unicast, plus ALERT_ALLOWED_HOSTS. */
  alertAddressPolicy: WebhookAddressPolicy;
  /** The app's public host name on Azure (WEBSITE_HOSTNAME); webhooks may not point at it. */
  selfHostname: string | null;
  /** SEED_DEMO=1 (dev): demo streams with injected anomalies, seeded when empty and fed every 10 s. */
  seedDemo: boolean;
  /** EDGE_MODEL=on (default): series models and recent points are served for scoring in the browser. */
  edgeModel: boolean;
}

let cached: AnomalyConfig | undefined;

export function loadAnomalyConfig(env?: Record<string, string | undefined>): AnomalyConfig {
  const c = loadConfig(schema, env);
  return Object.freeze({
    windowSize: c.ANOMALY_WINDOW_SIZE,
    minPoints: c.ANOMALY_MIN_POINTS,
    zThreshold: c.ANOMALY_Z_THRESHOLD,
    nTrees: c.ANOMALY_TREES,
    activeHours: c.ANOMALY_ACTIVE_HOURS,
    alertMaxAttempts: c.ALERT_MAX_ATTEMPTS,
    alertBackoffSeconds: c.ALERT_BACKOFF_SECONDS,
    alertTimeoutMs: c.ALERT_TIMEOUT_MS,
    incidentGapPoints: c.ALERT_INCIDENT_GAP_POINTS || null,
    incidentGapSeconds: c.ALERT_INCIDENT_GAP_SECONDS || null,
    alertOnClose: c.ALERT_ON_CLOSE === 'true' || c.ALERT_ON_CLOSE === '1',
    alertAddressPolicy: createWebhookAddressPolicy(c.ALERT_ALLOWED_HOSTS),
    selfHostname: c.WEBSITE_HOSTNAME?.toLowerCase() || null,
    seedDemo: c.SEED_DEMO === '1',
    edgeModel: c.EDGE_MODEL === 'on',
  });
}

/** Lazy singleton from process.env; a bad value throws a ConfigError naming the variable. */
export function getAnomalyConfig(): AnomalyConfig {
  cached ??= loadAnomalyConfig();
  return cached;
}

export function resetAnomalyConfig(): void {
  cached = undefined;
}
