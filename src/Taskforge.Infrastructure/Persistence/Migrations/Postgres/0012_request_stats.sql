-- Requests answered, per hour and instance, for the weekly system report: each instance adds its
-- own tally to its own row about once a minute. buckets: comma-separated counts per latency
-- bucket (the bounds of Telemetry/LatencyHistogram, then +Inf).
CREATE TABLE request_stats (
    hour      timestamptz NOT NULL,
    instance  TEXT NOT NULL,
    requests  bigint NOT NULL,
    errors    bigint NOT NULL,
    buckets   TEXT NOT NULL,
    PRIMARY KEY (hour, instance)
);
