package io.switchboard.acrobits;

import static io.switchboard.acrobits.AcrobitsClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.switchboard.TestHub;
import org.junit.jupiter.api.Test;

/** With hub.acrobits.shared-secret set, only calls that carry it (portal custom header or parameter) get in. */
class AcrobitsSharedSecretTest {

    @Test
    void callsWithoutTheSharedSecretAreRefusedEvenWithTheRightPassword() {
        try (TestHub hub = TestHub.start(Map.of("hub.acrobits.cloud-id", "ACME", "hub.api.key", AcrobitsClient.API_KEY,
                "hub.acrobits.password-iterations", "1000", "hub.acrobits.shared-secret", "portal-secret"))) {
            AcrobitsClient client = new AcrobitsClient(hub);
            client.putUser("alice", "{\"cloudUsername\":\"alice\",\"password\":\"alice-secret-1\"}");
            var alice = params("username", "alice", "password", "alice-secret-1", "cloud_id", "ACME");
            assertThat(client.getQuery("/acrobits/auth", alice).statusCode()).isEqualTo(403);
            assertThat(client.getQuery("/acrobits/auth", alice, "X-Switchboard-Secret", "wrong").statusCode())
                    .isEqualTo(403);
            assertThat(client.getQuery("/acrobits/auth", alice, "X-Switchboard-Secret", "portal-secret").statusCode())
                    .isEqualTo(200);
            var withParameter = params("username", "alice", "password", "alice-secret-1", "secret", "portal-secret");
            assertThat(client.postForm("/acrobits/contacts", withParameter).statusCode()).isEqualTo(200);
        }
    }
}
