-- Requests answered, per hour and instance, for the weekly system report: each instance adds its
-- own tally to its own row about once a minute. buckets: comma-separated counts per latency
-- bucket (the bounds of Telemetry/LatencyHistogram, then +Inf).
CREATE TABLE request_stats (
    hour      TEXT NOT NULL,
    instance  TEXT NOT NULL,
    requests  INTEGER NOT NULL,
    errors    INTEGER NOT NULL,
    buckets   TEXT NOT NULL,
    PRIMARY KEY (hour, instance)
);
