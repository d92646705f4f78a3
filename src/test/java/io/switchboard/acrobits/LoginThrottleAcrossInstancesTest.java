package io.switchboard.acrobits;

import static io.switchboard.acrobits.AcrobitsClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.switchboard.TwoHubs;
import org.junit.jupiter.api.Test;

/** Two hubs on one PostgreSQL share one login throttle: guesses spread over both still hit the limit. */
class LoginThrottleAcrossInstancesTest {

    @Test
    void failuresOnOneInstanceBlockTheUserOnTheOther() {
        try (TwoHubs hubs = TwoHubs.onPostgres(Map.of("hub.acrobits.cloud-id", "ACME",
                "hub.api.key", AcrobitsClient.API_KEY, "hub.acrobits.password-iterations", "1000",
                "hub.acrobits.rate-limit.max-failures", "4", "hub.acrobits.rate-limit.window-seconds", "900"))) {
            AcrobitsClient first = new AcrobitsClient(hubs.first);
            AcrobitsClient second = new AcrobitsClient(hubs.second);
            assertThat(first.putUser("alice", "{\"cloudUsername\":\"alice\",\"password\":\"alice-secret-1\"}")
                    .statusCode()).isEqualTo(201);
            for (int i = 0; i < 4; i++) {
                AcrobitsClient either = i % 2 == 0 ? first : second;
                assertThat(either.getQuery("/acrobits/auth",
                        params("username", "alice", "password", "guess-" + i, "cloud_id", "ACME")).statusCode())
                        .isEqualTo(401);
            }
            assertThat(second.getQuery("/acrobits/auth",
                    params("username", "alice", "password", "alice-secret-1", "cloud_id", "ACME")).statusCode())
                    .as("4 failures in total across both instances").isEqualTo(429);
            assertThat(first.getQuery("/acrobits/auth",
                    params("username", "alice", "password", "alice-secret-1", "cloud_id", "ACME")).statusCode())
                    .isEqualTo(429);
        }
    }
}
