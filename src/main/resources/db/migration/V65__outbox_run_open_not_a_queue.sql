-- outbox_run_open had the queue index's predicate, so the planner could read a lane's next rows
-- (OutboxRows.NEXT) through it as a bitmap of every unsent row, sorted afterwards; after a large run
-- was acknowledged that bitmap held the 60,000 dead entries vacuum had not yet removed. Rows
-- without a run are not a cycle's to wait for (CycleRunner asks by run_id, which implies it is
-- set), so the index leaves them out, and NEXT, which does not name a run, cannot use it.
DROP INDEX bridge.outbox_run_open;
CREATE INDEX outbox_run_open ON bridge.outbox (run_id) WHERE status IN ('pending', 'sent') AND run_id IS NOT NULL;
