-- A run whose node died (kill -9, power) is closed as 'interrupted' by the next run of its job,
-- which holds the job's cluster-wide lock and so knows no other node is still running it.
ALTER TABLE bridge.job_run DROP CONSTRAINT job_run_outcome_check;
ALTER TABLE bridge.job_run ADD CONSTRAINT job_run_outcome_check
    CHECK (outcome IN ('running', 'ok', 'partial', 'failed', 'interrupted'));
