-- Retention of the working blobs of finished runs (training runs' parameters, shards and blocks; pipeline runs'
-- chunks and model states): the retention timer deletes them once a run has succeeded, or FAILED_RUN_BLOB_DAYS
-- after it failed, then stamps the run so it is not listed again.
ALTER TABLE rec_training_runs ADD COLUMN blobs_deleted_at timestamptz;
ALTER TABLE rec_pipeline_runs ADD COLUMN blobs_deleted_at timestamptz;
CREATE INDEX rec_training_runs_blobs_kept ON rec_training_runs (finished_at)
  WHERE blobs_deleted_at IS NULL AND state <> 'running';
CREATE INDEX rec_pipeline_runs_blobs_kept ON rec_pipeline_runs (finished_at)
  WHERE blobs_deleted_at IS NULL AND state <> 'running';
