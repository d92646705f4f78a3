-- The outbox leases ordering keys, not rows: while a lane of an instance sends a key's messages, the key's row
-- here names that instance (claimed_by) until claimed_until; another instance skips the key, and takes it over
-- once the lease has ended (a crashed instance). The claim writes this one small row instead of rewriting every
-- claimed message row (payload included); the row goes when the lane ends, so the table holds only keys in flight.
CREATE TABLE outbox_lease (
    ordering_key   VARCHAR(400) NOT NULL PRIMARY KEY,
    claimed_by     VARCHAR(100) NOT NULL,
    claimed_until  TIMESTAMP WITH TIME ZONE NOT NULL
);
