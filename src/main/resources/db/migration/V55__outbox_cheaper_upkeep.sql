-- Analysing the outbox read every message body: ANALYZE of bridge.outbox took 0.7 s at 120,000
-- rows, and ran every 10,000 rows (OutboxStatistics): 19% of the statement time pg_stat_statements
-- measured in a 100,000-payment benchmark. No query plans on the bodies; neither analysis reads
-- them now.
ALTER TABLE bridge.outbox ALTER COLUMN event_json SET STATISTICS 0, ALTER COLUMN hl7 SET STATISTICS 0;
ALTER TABLE bridge.message_store ALTER COLUMN body SET STATISTICS 0;

-- A cycle waits for its runs' messages to be acknowledged (CycleRunner) by asking, twice a second,
-- whether any is still unsent. Through outbox_run it walked the run's acknowledged rows first.
-- outbox_lane_pending has had no reader since V54's queue index, so it makes way for this one.
DROP INDEX bridge.outbox_lane_pending;
CREATE INDEX outbox_run_open ON bridge.outbox (run_id) WHERE status IN ('pending', 'sent');
