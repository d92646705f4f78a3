package io.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.switchboard.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** No HTTP route echoes request headers or query parameters into its answer (item 3 of issue 12). */
class ResponseHeadersTest {

    private static final String API_KEY = "echo-test-api-key-7781";
    private static TestHub hub;

    @BeforeAll
    static void start() {
        hub = TestHub.start(Map.of("hub.api.key", API_KEY, "hub.acrobits.cloud-id", "ACME",
                "hub.ims.auth.mode", "none"));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void noRouteCopiesRequestHeadersOrQueryParametersIntoTheAnswer() {
        for (String path : List.of("/observe/health", "/observe/health/live", "/observe/health/ready",
                "/observe/metrics", "/ims/service/ping", "/ims/service/protocol", "/acrobits/auth",
                "/acrobits/contacts", "/api/directory/users", "/api/admin/dead-letters", "/no/such/path")) {
            HttpResponse<String> r = hub.send(HttpRequest.newBuilder(URI.create(hub.url(path + "?echoParam=leaked-q")))
                    .header("X-API-Key", API_KEY).header("X-Echo-Probe", "leaked-h").GET().build());

            assertThat(r.statusCode()).as(path).isLessThan(500);
            r.headers().map().forEach((name, values) -> {
                assertThat(name).as(path).isNotEqualToIgnoringCase("X-API-Key").isNotEqualToIgnoringCase("X-Echo-Probe")
                        .isNotEqualToIgnoringCase("echoParam");
                assertThat(String.join(",", values)).as(path + " " + name)
                        .doesNotContain(API_KEY, "leaked-h", "leaked-q");
            });
        }
    }

    @Test
    void controlCharactersInTheQueryAreNoServerError() {
        for (String path : List.of("/observe/health", "/observe/metrics", "/acrobits/auth")) {
            HttpResponse<String> r = hub.get(path + "?x=a%0d%0aSet-Cookie:%20evil=1&y=%00");

            assertThat(r.statusCode()).as(path).isLessThan(500);
            assertThat(r.headers().firstValue("Set-Cookie")).as(path).isEmpty();
        }
    }
}
