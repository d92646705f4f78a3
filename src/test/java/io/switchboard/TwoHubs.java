package io.switchboard;

import java.util.HashMap;
import java.util.Map;

import io.switchboard.store.TestDatabases;

/** Two hub instances in this JVM sharing one fresh PostgreSQL schema, as two instances behind a balancer. */
public final class TwoHubs implements AutoCloseable {

    public final TestHub first;
    public final TestHub second;

    private TwoHubs(TestHub first, TestHub second) {
        this.first = first;
        this.second = second;
    }

    /** Both get the same overrides and database; they are started one after the other (migrations run once). */
    public static TwoHubs onPostgres(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(overrides);
        all.put("hub.db.url", TestDatabases.freshPostgresSchema());
        TestHub first = TestHub.start(all);
        try {
            return new TwoHubs(first, TestHub.start(all));
        } catch (RuntimeException e) {
            first.close();
            throw e;
        }
    }

    /** Closing twice is harmless: a test may stop one instance early. */
    @Override
    public void close() {
        try {
            second.close();
        } finally {
            first.close();
        }
    }
}
