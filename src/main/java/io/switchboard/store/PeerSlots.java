package io.switchboard.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/**
 * A fixed number of connection slots towards one peer, shared by every hub instance on the database
 * (table peer_slot): a sender holds a slot while its request is open. A slot is a lease, so the slots
 * of a crashed instance come back after it. SKIP LOCKED: two instances never take the same slot.
 */
public class PeerSlots {

    private final Database db;
    private final String peer;
    private final int size;
    private final String holder;
    private final Duration lease;
    private final Clock clock;

    public PeerSlots(Database db, String peer, int size, String holder, Duration lease, Clock clock) {
        this.db = db;
        this.peer = peer;
        this.size = size;
        this.holder = holder;
        this.lease = lease;
        this.clock = clock;
        for (int slot = 0; slot < size; slot++) {
            ensureRow(slot);
        }
    }

    /** A free slot, now held by this instance until the lease ends; empty when all are taken. */
    public OptionalInt acquire() {
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            List<Integer> free = Database.query(c, "SELECT slot FROM peer_slot WHERE peer = ? AND slot < ?"
                    + " AND (held_until IS NULL OR held_until < ?) ORDER BY slot LIMIT 1 FOR UPDATE SKIP LOCKED",
                    rs -> rs.getInt(1), peer, size, now);
            if (free.isEmpty()) {
                return OptionalInt.empty();
            }
            Database.update(c, "UPDATE peer_slot SET holder = ?, held_until = ? WHERE peer = ? AND slot = ?",
                    holder, now.plus(lease), peer, free.get(0));
            return OptionalInt.of(free.get(0));
        });
    }

    public void release(int slot) {
        db.update("UPDATE peer_slot SET holder = NULL, held_until = NULL WHERE peer = ? AND slot = ? AND holder = ?",
                peer, slot, holder);
    }

    /** Slots held right now by any instance. */
    public long held() {
        return db.count("SELECT COUNT(*) FROM peer_slot WHERE peer = ? AND slot < ? AND held_until >= ?",
                peer, size, clock.instant());
    }

    private void ensureRow(int slot) {
        try {
            db.update("INSERT INTO peer_slot (peer, slot) SELECT ?, ? WHERE NOT EXISTS"
                    + " (SELECT 1 FROM peer_slot WHERE peer = ? AND slot = ?)", peer, slot, peer, slot);
        } catch (StoreException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
            // another instance starting at the same moment created it
        }
    }
}
