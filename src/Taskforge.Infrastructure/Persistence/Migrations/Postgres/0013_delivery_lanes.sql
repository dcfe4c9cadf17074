-- Each consumer claims from a lane of its own (OutboxDispatcher), so its due deliveries are
-- looked up by consumer first: a consumer with a backlog (an SMTP relay that is down) no longer
-- makes every other lane read past its rows.
CREATE INDEX ix_event_deliveries_lane ON event_deliveries (consumer, next_attempt_at) WHERE status = 0;
DROP INDEX ix_event_deliveries_due;
