-- Alert grouping: consecutive anomalies of a series form one incident, alerted once when it opens (and, when the
-- series asks for it, once when it closes). Additive: 001's tables stay; anomaly_alert_deliveries is no longer
-- written, and its still-pending rows move into anomaly_alerts below so their retries go on.

-- Per-series grouping settings; null = the app-wide default (ALERT_INCIDENT_GAP_POINTS / _SECONDS / _ON_CLOSE).
ALTER TABLE anomaly_series ADD COLUMN incident_gap_points integer;
ALTER TABLE anomaly_series ADD COLUMN incident_gap_seconds integer;
ALTER TABLE anomaly_series ADD COLUMN alert_on_close boolean;

CREATE TABLE anomaly_incidents (
  id              bigserial PRIMARY KEY,
  series          text NOT NULL REFERENCES anomaly_series (id) ON DELETE CASCADE,
  status          text NOT NULL DEFAULT 'open',
  opened_at       timestamptz NOT NULL,
  last_anomaly_at timestamptz NOT NULL,
  -- Points of the series since the last anomaly: the incident closes when this reaches the gap in points.
  quiet_points    integer NOT NULL DEFAULT 0,
  anomaly_count   integer NOT NULL DEFAULT 1,
  peak_score      double precision NOT NULL,
  closed_at       timestamptz,
  -- Wall clock of the last anomaly, so the timer can close an incident of a series that stopped sending.
  touched_at      timestamptz NOT NULL DEFAULT now(),
  created_at      timestamptz NOT NULL DEFAULT now()
);
-- At most one open incident per series.
CREATE UNIQUE INDEX anomaly_incidents_one_open ON anomaly_incidents (series) WHERE status = 'open';
CREATE INDEX anomaly_incidents_series_opened ON anomaly_incidents (series, opened_at);

ALTER TABLE anomaly_anomalies ADD COLUMN incident_id bigint REFERENCES anomaly_incidents (id) ON DELETE SET NULL;

-- One row per alert to send; dedupe_key (incident-<id>-opened, incident-<id>-closed) is what keeps an alert
-- from repeating, and it is sent as the idempotency-key header.
CREATE TABLE anomaly_alerts (
  id              bigserial PRIMARY KEY,
  dedupe_key      text NOT NULL UNIQUE,
  series          text NOT NULL REFERENCES anomaly_series (id) ON DELETE CASCADE,
  incident_id     bigint REFERENCES anomaly_incidents (id) ON DELETE CASCADE,
  url             text NOT NULL,
  payload         jsonb NOT NULL,
  status          text NOT NULL DEFAULT 'pending',
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  delivered_at    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX anomaly_alerts_due ON anomaly_alerts (next_attempt_at) WHERE status = 'pending';

-- Pending per-anomaly deliveries keep their key and payload, so a receiver that saw one already drops it.
INSERT INTO anomaly_alerts (dedupe_key, series, url, payload, attempts, next_attempt_at, last_error, created_at)
SELECT 'anomaly-' || d.anomaly_id, a.series, d.url,
  jsonb_build_object('type', 'anomaly', 'anomalyId', a.id::text, 'series', a.series,
    'timestamp', to_char(a.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'value', a.value, 'score', a.score, 'z', a.z, 'threshold', a.threshold),
  d.attempts, d.next_attempt_at, d.last_error, d.created_at
FROM anomaly_alert_deliveries d JOIN anomaly_anomalies a ON a.id = d.anomaly_id
WHERE d.status = 'pending';
UPDATE anomaly_alert_deliveries SET status = 'moved' WHERE status = 'pending';
