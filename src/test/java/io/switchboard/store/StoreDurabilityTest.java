package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import javax.sql.DataSource;

import io.switchboard.TestHub;
import org.junit.jupiter.api.Test;

/**
 * "Acknowledged means on disk" for every URL a user can set: the hub applies the durable settings
 * itself (the kill -9 proof with a plain H2 URL is ImsKillIT), and hub.db.durability=relaxed is the
 * only way to get what the URL says.
 */
class StoreDurabilityTest {

    @Test
    void anH2UrlWithoutOrWithAnotherWriteDelayRunsWithWriteDelayZero() throws Exception {
        // AUTO_SERVER=TRUE: H2 refuses it beside DB_CLOSE_ON_EXIT=FALSE, so the hub must not add that there
        for (String options : new String[] {"", ";WRITE_DELAY=500", ";write_delay=2000;DB_CLOSE_ON_EXIT=FALSE",
            ";AUTO_SERVER=TRUE"}) {
            String url = "jdbc:h2:file:" + TestHub.tempDir().resolve("hub") + options;
            try (TestHub hub = TestHub.start(Map.of("hub.db.url", url))) {
                assertThat(h2Setting(hub.bean("dataSource", DataSource.class), "WRITE_DELAY")).as(url).isEqualTo("0");
            }
        }
    }

    @Test
    void anH2StoreGetsTwoSecondsToCompactItsFileAtAGracefulStopUnlessItsUrlSaysOtherwise() throws Exception {
        String url = "jdbc:h2:file:" + TestHub.tempDir().resolve("hub");
        try (TestHub hub = TestHub.start(Map.of("hub.db.url", url))) {
            assertThat(h2Setting(hub.bean("dataSource", DataSource.class), "MAX_COMPACT_TIME")).isEqualTo("2000");
        }
        try (TestHub hub = TestHub.start(Map.of("hub.db.url", url + ";max_compact_time=50"))) {
            assertThat(h2Setting(hub.bean("dataSource", DataSource.class), "MAX_COMPACT_TIME")).isEqualTo("50");
        }
    }

    @Test
    void relaxedDurabilityIsTheExplicitOptOut() throws Exception {
        String url = "jdbc:h2:file:" + TestHub.tempDir().resolve("hub") + ";WRITE_DELAY=500";
        try (TestHub hub = TestHub.start(Map.of("hub.db.url", url, "hub.db.durability", "relaxed"))) {
            assertThat(h2Setting(hub.bean("dataSource", DataSource.class), "WRITE_DELAY")).isEqualTo("500");
        }
    }

    @Test
    void postgresSessionsRunWithSynchronousCommitEvenWhenTheUrlTurnsItOff() throws Exception {
        String url = TestDatabases.freshPostgresSchema() + "&options=-c%20synchronous_commit%3Doff";
        try (TestHub hub = TestHub.start(Map.of("hub.db.url", url, "hub.db.pool-size", "3"))) {
            DataSource ds = hub.bean("dataSource", DataSource.class);
            for (int i = 0; i < 3; i++) {
                assertThat(show(ds, "synchronous_commit")).isEqualTo("on");
            }
        }
        try (TestHub hub = TestHub.start(Map.of("hub.db.url", url, "hub.db.durability", "relaxed"))) {
            assertThat(show(hub.bean("dataSource", DataSource.class), "synchronous_commit")).isEqualTo("off");
        }
    }

    private static String h2Setting(DataSource ds, String name) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                        + " WHERE SETTING_NAME = '" + name + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static String show(DataSource ds, String name) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW " + name)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
