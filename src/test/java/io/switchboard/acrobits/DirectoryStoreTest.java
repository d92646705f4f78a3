package io.switchboard.acrobits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.Secret;
import io.switchboard.store.Database;
import io.switchboard.store.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The directory's SQL on H2 and PostgreSQL alike. */
class DirectoryStoreTest {

    @ParameterizedTest
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void ionUpdatesKeepAdminCredentialsAndNetworksSeparateTenants(String kind) {
        try (HikariDataSource ds = TestDatabases.migrated(kind)) {
            DirectoryStore store = new DirectoryStore(new Database(ds));
            PasswordHasher hasher = new PasswordHasher(1000);
            store.save(new DirectoryUser(0, "john.doe", null, "north", "J", null, null, null, null, null, "sip1",
                    Secret.of("sip-pass"), hasher.hash("john-secret-1"), true, null, List.of(),
                    List.of(new SmsNumber("sinch", "111"))));
            store.apply(new ContactMasterUpdate(ContactMasterUpdate.Action.UPSERT, "john.doe", "John Doe", "John", "Doe",
                    "j@example.com", List.of(new DirectoryPhone("work", "1000", true))), "");
            store.apply(new ContactMasterUpdate(ContactMasterUpdate.Action.UPSERT, "jane", "Jane", "Jane", null,
                    null, List.of()), "south");

            DirectoryUser john = store.findActiveByLogin("john.doe").orElseThrow();
            assertThat(john.displayName()).isEqualTo("John Doe");
            assertThat(john.cloudUsername()).as("set from the username when missing").isEqualTo("john.doe");
            assertThat(john.networkId()).as("ION does not move a user between networks").isEqualTo("north");
            assertThat(hasher.verify("john-secret-1", john.passwordHash())).isTrue();
            assertThat(john.sipPassword().reveal()).isEqualTo("sip-pass");
            assertThat(john.smsNumbers()).containsExactly(new SmsNumber("sinch", "111"));
            assertThat(john.phones()).containsExactly(new DirectoryPhone("work", "1000", true));
            assertThat(store.activeInNetwork("north", "ACME")).extracting(DirectoryUser::username).containsExactly("john.doe");
            assertThat(store.activeInNetwork("south", "ACME")).extracting(DirectoryUser::username).containsExactly("jane");

            var before = store.lastModified().orElseThrow();
            store.apply(new ContactMasterUpdate(ContactMasterUpdate.Action.DELETE, "jane", null, null, null, null,
                    List.of()), "south");
            assertThat(store.activeInNetwork("south", "ACME")).isEmpty();
            assertThat(store.findActiveByLogin("jane")).isEmpty();
            assertThat(store.lastModified().orElseThrow()).isAfterOrEqualTo(before);
        }
    }
}
