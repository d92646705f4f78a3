package io.switchboard.acrobits;

import static io.switchboard.acrobits.AcrobitsClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.switchboard.TestHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Password guessing through the Acrobits endpoints is cut off per user and per caller address. */
class AcrobitsRateLimitTest {

    private TestHub hub;
    private AcrobitsClient client;

    @BeforeEach
    void start() {
        hub = TestHub.start(Map.of("hub.acrobits.cloud-id", "ACME", "hub.api.key", AcrobitsClient.API_KEY,
                "hub.acrobits.password-iterations", "1000", "hub.acrobits.rate-limit.max-failures", "3",
                "hub.acrobits.rate-limit.window-seconds", "900"));
        client = new AcrobitsClient(hub);
        assertThat(client.putUser("alice", "{\"cloudUsername\":\"alice\",\"password\":\"alice-secret-1\"}")
                .statusCode()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void repeatedFailuresForOneUserAreAnswered429EvenWithTheRightPassword() {
        for (int i = 0; i < 3; i++) {
            assertThat(client.getQuery("/acrobits/auth",
                    params("username", "alice", "password", "guess-" + i, "cloud_id", "ACME")).statusCode()).isEqualTo(401);
        }
        var blocked = client.getQuery("/acrobits/auth",
                params("username", "alice", "password", "alice-secret-1", "cloud_id", "ACME"));
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.body()).contains("too_many_attempts").doesNotContain("alice-secret-1");
        var provisioning = client.postForm("/acrobits/provisioning",
                params("cloud_username", "alice", "cloud_password", "alice-secret-1", "cloud_id", "ACME"));
        assertThat(provisioning.statusCode()).isEqualTo(429);
        assertThat(provisioning.body()).startsWith("<error><message>");
    }

    @Test
    void failuresSpreadOverManyUsersFromOneAddressAreAnswered429() {
        for (int i = 0; i < 3; i++) {
            assertThat(client.getBasic("/acrobits/contacts", "user" + i, "guess-guess", "").statusCode()).isEqualTo(401);
        }
        assertThat(client.getBasic("/acrobits/contacts", "alice", "alice-secret-1", "").statusCode()).isEqualTo(429);
    }

    @Test
    void aBurstOfConcurrentGuessesGetsNoMoreHashesThanTheLimit() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(32);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                String guess = "guess-" + i;
                answers.add(threads.submit(() -> client.getQuery("/acrobits/auth",
                        params("username", "alice", "password", guess, "cloud_id", "ACME")).statusCode()));
            }
            int hashed = 0;
            int throttled = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                hashed += status == 401 ? 1 : 0;
                throttled += status == 429 ? 1 : 0;
            }
            // each 401 is one password hash; the attempt is reserved before hashing, so 3 at most
            assertThat(hashed).isBetween(1, 3);
            assertThat(hashed + throttled).isEqualTo(2000);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aSuccessfulSignInClearsTheUsersEarlierFailures() {
        for (int i = 0; i < 2; i++) {
            client.getQuery("/acrobits/auth", params("username", "alice", "password", "guess", "cloud_id", "ACME"));
        }
        assertThat(client.getQuery("/acrobits/auth",
                params("username", "alice", "password", "alice-secret-1", "cloud_id", "ACME")).statusCode()).isEqualTo(200);
    }
}
