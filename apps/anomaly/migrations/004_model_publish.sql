-- Crash-safe model publishes (additive). model_points: the series' point count when the served model's data was read
-- (a publish fitted on fewer points never replaces it). model_publish_started_at: set, committed, before a publish
-- to the model store and cleared by its record; while set, readers look in the store even without a model_version,
-- so a process killed between the publish and its record leaves no series taken for one without a model.
ALTER TABLE anomaly_series ADD COLUMN model_points bigint;
ALTER TABLE anomaly_series ADD COLUMN model_publish_started_at timestamptz;
