package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** V6 makes cloud and SIP usernames unique per network, on a directory that already has duplicates. */
class DirectoryIdentityMigrationTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void existingDuplicatesAreReportedAndTheOldestActiveUserKeepsTheIdentity(String kind) {
        try (HikariDataSource ds = TestDatabases.open(kind)) {
            TestDatabases.migrateToJustBefore(ds, "6");
            Database db = new Database(ds);
            user(db, "bob.inactive", "bob", "north", null, false, "2026-01-01T00:00:00Z");
            user(db, "bob.old", "bob", "north", null, true, "2026-02-01T00:00:00Z");
            user(db, "bob.new", "bob", "north", "SIP-9", true, "2026-03-01T00:00:00Z");
            user(db, "bob.south", "bob", "south", null, true, "2026-03-01T00:00:00Z");
            user(db, "ann", "ann", null, "SIP-9", true, "2026-01-01T00:00:00Z");
            user(db, "ann.copy", "ann", null, null, true, "2026-04-01T00:00:00Z");
            user(db, "sip.late", "late", null, "SIP-9", true, "2026-05-01T00:00:00Z");

            Migrations.migrate(ds);

            List<String> report = db.query("SELECT username, identity_field, identity_value, kept_username"
                    + " FROM directory_identity_conflict ORDER BY username, identity_field",
                    rs -> rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getString(3) + "->" + rs.getString(4));
            assertThat(report).containsExactly("ann.copy:cloud_username:ann->ann", "bob.inactive:cloud_username:bob->bob.old",
                    "bob.new:cloud_username:bob->bob.old", "sip.late:sip_username:SIP-9->ann");
            assertThat(active(db)).containsExactly("ann", "bob.old", "bob.south");
            assertThat(db.query("SELECT cloud_username FROM directory_user WHERE username = 'bob.new'",
                    rs -> String.valueOf(rs.getString(1)))).containsExactly("null");
            assertThat(db.query("SELECT sip_username FROM directory_user WHERE username = 'bob.new'",
                    rs -> rs.getString(1))).as("bob.new's SIP name is unique in north").containsExactly("SIP-9");

            assertThatThrownBy(() -> user(db, "bob.again", "bob", "north", null, false, "2026-06-01T00:00:00Z", true))
                    .as("the database refuses a duplicate from now on").satisfies(e -> assertThat(Database.isUniqueViolation(e)).isTrue());
        }
    }


    private static void user(Database db, String username, String cloud, String network, String sip, boolean active,
                             String created) {
        user(db, username, cloud, network, sip, active, created, false);
    }

    private static void user(Database db, String username, String cloud, String network, String sip, boolean active,
                             String created, boolean migrated) {
        if (migrated) {
            db.update("INSERT INTO directory_user (username, cloud_username, network_id, network_key, sip_username, active,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", username, cloud, network, network == null ? "" : network,
                    sip, active, Database.timestamp(Instant.parse(created)));
        } else {
            db.update("INSERT INTO directory_user (username, cloud_username, network_id, sip_username, active, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", username, cloud, network, sip, active,
                    Database.timestamp(Instant.parse(created)));
        }
    }

    private static List<String> active(Database db) {
        return db.query("SELECT username FROM directory_user WHERE active = TRUE ORDER BY username", rs -> rs.getString(1));
    }
}
