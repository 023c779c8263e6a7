-- The app's own model names. GET /api/models lists the named ones, and pinning accepts only names found here: the
-- model store's container is shared with the other apps, so its listing cannot tell whose a model is.
CREATE TABLE anomaly_models (
  name       text PRIMARY KEY,
  -- 'fit' (POST /api/models/{name}/fit), 'onnx' (an imported scikit-learn forest) or 'series' (one per series).
  kind       text NOT NULL,
  series     text REFERENCES anomaly_series (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Series that already have a model, under the name seriesModelName() gives them (series-<id>, or a hash of the id).
INSERT INTO anomaly_models (name, kind, series)
SELECT CASE WHEN id ~ '^[a-z0-9][a-z0-9._-]{0,55}$' THEN 'series-' || id
            ELSE 'series-h-' || substr(encode(sha256(convert_to(id, 'UTF8')), 'hex'), 1, 24) END,
       'series', id
FROM anomaly_series WHERE model_version IS NOT NULL
ON CONFLICT (name) DO NOTHING;
