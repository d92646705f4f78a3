package io.switchboard.acrobits;

import static io.switchboard.acrobits.AcrobitsClient.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.switchboard.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cloud and SIP usernames are unique per network: through the admin API, the import and ION. */
class DirectoryUniqueIdentityTest {

    private static TestHub hub;
    private static AcrobitsClient client;

    @BeforeAll
    static void start() {
        hub = TestHub.start(Map.of("hub.acrobits.cloud-id", "ACME", "hub.api.key", AcrobitsClient.API_KEY,
                "hub.acrobits.password-iterations", "1000", "hub.acrobits.rate-limit.max-failures", "1000"));
        client = new AcrobitsClient(hub);
        assertThat(client.putUser("bob.first", """
                {"cloudUsername":"bob","networkId":"north","sipUsername":"SIP-1","password":"bob-first-secret"}""")
                .statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void secondUserWithTheSameCloudUsernameInTheNetworkIsRefused409NamingTheConflict() {
        var second = client.putUser("bob.second", """
                {"cloudUsername":"bob","networkId":"north","password":"bob-second-secret"}""");

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.body()).contains("\"error\":\"identity_conflict\"", "cloudUsername 'bob'", "network 'north'",
                "'bob.first'").doesNotContain("bob-second-secret");
        assertThat(client.admin("GET", "/api/directory/users/bob.second", null).statusCode()).isEqualTo(404);
        var contacts = client.getBasic("/acrobits/contacts", "bob", "bob-first-secret", "");
        assertThat(contacts.statusCode()).as("the first bob still signs in").isEqualTo(200);
        assertThat(contacts.body()).contains("\"bob.first\"").doesNotContain("bob.second");
    }

    @Test
    void theSameCloudUsernameInAnotherNetworkIsAnotherIdentity() {
        assertThat(client.putUser("bob.south", """
                {"cloudUsername":"bob","networkId":"south","sipUsername":"SIP-1"}""").statusCode()).isEqualTo(201);
    }

    @Test
    void usersWithoutANetworkShareTheCloudIdNetwork() {
        assertThat(client.putUser("kim.one", "{\"cloudUsername\":\"kim\"}").statusCode()).isEqualTo(201);
        var explicit = client.putUser("kim.two", "{\"cloudUsername\":\"kim\",\"networkId\":\"ACME\"}");
        assertThat(explicit.statusCode()).isEqualTo(409);
        assertThat(explicit.body()).contains("'kim.one'");
    }

    @Test
    void aSipUsernameUsedInTheNetworkIsRefused() {
        var response = client.putUser("sip.thief", "{\"networkId\":\"north\",\"sipUsername\":\"SIP-1\"}");
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("sipUsername 'SIP-1'", "'bob.first'");
    }

    @Test
    void aUserCanBeSavedAgainWithItsOwnIdentityAndAnInactiveHolderStillCounts() {
        assertThat(client.putUser("bob.first", """
                {"cloudUsername":"bob","networkId":"north","sipUsername":"SIP-1"}""").statusCode()).isEqualTo(200);
        assertThat(client.putUser("lea", "{\"cloudUsername\":\"lea\",\"networkId\":\"east\"}").statusCode()).isEqualTo(201);
        assertThat(client.admin("DELETE", "/api/directory/users/lea", null).statusCode()).isEqualTo(204);
        var taker = client.putUser("lea.new", "{\"cloudUsername\":\"lea\",\"networkId\":\"east\"}");
        assertThat(taker.statusCode()).as("reactivating lea must not collide").isEqualTo(409);
    }

    @Test
    void anImportWithTwoUsersOfOneCloudUsernameIsRefusedWhole() {
        var response = client.admin("POST", "/api/directory/import", """
                [{"username":"ola","cloudUsername":"ola","networkId":"west"},
                 {"username":"ola.copy","cloudUsername":"ola","networkId":"west"}]""");
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("identity_conflict", "cloudUsername 'ola'", "'ola.copy'");
        assertThat(client.admin("GET", "/api/directory/users/ola", null).statusCode()).as("all or nothing").isEqualTo(404);
    }

    @Test
    void anIonContactThatWouldTakeSomeonesCloudUsernameBecomesADeadLetterWithTheReason() throws IOException {
        assertThat(client.putUser("john.real", "{\"cloudUsername\":\"john.doe\"}").statusCode()).isEqualTo(201);

        hub.context().createProducerTemplate().sendBody("direct:directory-update", fixture("SyncContactMaster.xml"));

        assertThat(client.admin("GET", "/api/directory/users/john.doe", null).statusCode()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var letters = client.admin("GET", "/api/admin/dead-letters?route=directory-update", null);
            assertThat(letters.body()).contains("DuplicateIdentity", "cloudUsername 'john.doe'", "'john.real'");
        });
        assertThat(client.getQuery("/acrobits/auth", params("username", "john.doe", "password", "x",
                "cloud_id", "ACME")).statusCode()).isEqualTo(401);
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = DirectoryUniqueIdentityTest.class.getResourceAsStream("/acrobits/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
