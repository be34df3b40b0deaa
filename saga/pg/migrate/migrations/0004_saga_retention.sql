-- Finished sagas the retention may purge (SAGA_RETENTION), oldest first:
-- FAILED ones wait for an operator and parked ones are set aside, so
-- neither is in it, and a purge never walks over them.
CREATE INDEX IF NOT EXISTS sagas_finished ON sagas (completed_at)
  WHERE state IN ('COMPLETED', 'COMPENSATED') AND parked = '';
