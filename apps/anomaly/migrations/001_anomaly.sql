-- Metric series, their points with scores, detected anomalies and webhook alert deliveries.
CREATE TABLE anomaly_series (
  id            text PRIMARY KEY,
  webhook_url   text,
  model_version text,
  point_count   bigint NOT NULL DEFAULT 0,
  last_point_at timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- One row per (series, timestamp): a resent point is stored once. Score columns stay null while warming up.
CREATE TABLE anomaly_points (
  series      text NOT NULL REFERENCES anomaly_series (id) ON DELETE CASCADE,
  ts          timestamptz NOT NULL,
  value       double precision NOT NULL,
  score       double precision,
  z           double precision,
  threshold   double precision,
  verdict     text NOT NULL DEFAULT 'pending',
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (series, ts)
);

CREATE TABLE anomaly_anomalies (
  id         bigserial PRIMARY KEY,
  series     text NOT NULL REFERENCES anomaly_series (id) ON DELETE CASCADE,
  ts         timestamptz NOT NULL,
  value      double precision NOT NULL,
  score      double precision NOT NULL,
  z          double precision NOT NULL,
  threshold  double precision NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (series, ts)
);

-- At most one delivery per anomaly: the primary key is what keeps alerts from repeating.
CREATE TABLE anomaly_alert_deliveries (
  anomaly_id      bigint PRIMARY KEY REFERENCES anomaly_anomalies (id) ON DELETE CASCADE,
  url             text NOT NULL,
  status          text NOT NULL DEFAULT 'pending',
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  delivered_at    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX anomaly_alert_deliveries_due ON anomaly_alert_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX anomaly_anomalies_series_ts ON anomaly_anomalies (series, ts);
