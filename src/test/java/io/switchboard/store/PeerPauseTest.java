package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PeerPauseTest {

    @ParameterizedTest
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void aPauseIsSharedAndNeverShortened(String kind) {
        try (HikariDataSource ds = TestDatabases.migrated(kind)) {
            Database db = new Database(ds);
            PeerPause one = new PeerPause(db, "pushover");
            PeerPause other = new PeerPause(db, "pushover");
            Instant until = Instant.parse("2026-11-30T10:00:00Z");
            one.pauseUntil(until);
            one.pauseUntil(until.minusSeconds(60));
            assertThat(other.pausedUntil()).as("an earlier pause never shortens a later one").isEqualTo(until);
            assertThat(db.count("SELECT COUNT(*) FROM peer_pause WHERE summary_due = TRUE")).isEqualTo(1);
        }
    }
}
