package io.switchboard.store;

/** The first argument of pg_advisory_lock(int, int) per use, so keys of different uses never collide. */
public final class LockNamespaces {

    public static final int CHAT_ROOM = 1801;
    public static final int ALERT_DEDUP_KEY = 1802;

    private LockNamespaces() {
    }
}
