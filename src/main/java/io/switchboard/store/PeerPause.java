package io.switchboard.store;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A pause towards one peer that every hub instance on the database respects (table peer_pause),
 * e.g. Pushover's quota running out; its summary_due flag is taken by the claim that follows the pause. The last value read is kept for when the database is away.
 */
public class PeerPause {

    private final Database db;
    private final String peer;
    private final AtomicReference<Instant> lastRead = new AtomicReference<>(Instant.EPOCH);

    public PeerPause(Database db, String peer) {
        this.db = db;
        this.peer = peer;
        try {
            db.update("INSERT INTO peer_pause (peer, paused_until, summary_due) SELECT ?, ?, FALSE WHERE NOT EXISTS"
                    + " (SELECT 1 FROM peer_pause WHERE peer = ?)", peer, Instant.EPOCH, peer);
        } catch (StoreException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
            // another instance starting at the same moment created it
        }
    }

    /** Nothing goes to the peer before until (an earlier pause never shortens a later one); a summary is due after. */
    public void pauseUntil(Instant until) {
        db.update("UPDATE peer_pause SET paused_until = CASE WHEN paused_until < ? THEN ? ELSE paused_until END,"
                + " summary_due = TRUE WHERE peer = ?", until, until, peer);
        lastRead.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** The end of the pause (EPOCH = never paused); the last known value while the database is away. */
    public Instant pausedUntil() {
        try {
            Instant until = db.queryOne("SELECT paused_until FROM peer_pause WHERE peer = ?",
                    rs -> Database.instant(rs, "paused_until"), peer).orElse(Instant.EPOCH);
            lastRead.set(until);
            return until;
        } catch (StoreException e) {
            return lastRead.get();
        }
    }
}
