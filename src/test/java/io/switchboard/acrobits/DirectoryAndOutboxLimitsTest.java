package io.switchboard.acrobits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.TestHub;
import io.switchboard.ops.LogLines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every length the schema has is a 400 at the API edge, never a 500 or a password in the log (issue 12). */
class DirectoryAndOutboxLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestHub hub;
    private static AcrobitsClient client;

    @BeforeAll
    static void start() {
        hub = TestHub.start(Map.of("hub.api.key", AcrobitsClient.API_KEY));
        client = new AcrobitsClient(hub);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void everyOverLongDirectoryFieldIs400NamingFieldAndLimit() throws Exception {
        Map<String, Integer> limits = Map.ofEntries(Map.entry("cloudUsername", 200), Map.entry("networkId", 200),
                Map.entry("displayName", 300), Map.entry("firstName", 200), Map.entry("lastName", 200),
                Map.entry("email", 300), Map.entry("avatar", 1000), Map.entry("largeAvatar", 1000),
                Map.entry("sipUsername", 200), Map.entry("sipPassword", 200));
        try (LogLines log = LogLines.capture()) {
            for (var limit : limits.entrySet()) {
                String value = "SECRETISH" + "q".repeat(limit.getValue());
                HttpResponse<String> r = client.putUser("limits-user", "{\"" + limit.getKey() + "\":\"" + value + "\"}");

                assertThat(r.statusCode()).as(limit.getKey()).isEqualTo(400);
                JsonNode body = JSON.readTree(r.body());
                assertThat(body.path("error").asText()).isEqualTo("field_too_long");
                assertThat(body.path("message").asText()).contains("'" + limit.getKey() + "'",
                        String.valueOf(limit.getValue())).doesNotContain("SECRETISH");
            }
            assertThat(client.putUser("u".repeat(201), "{}").statusCode()).isEqualTo(400);
            assertThat(client.putUser("limits-user", "{\"phones\":[{\"label\":\"work\",\"number\":\"" + "1".repeat(51)
                    + "\"}]}").body()).contains("phones[].number", "50");
            assertThat(client.putUser("limits-user", "{\"phones\":[{\"label\":\"" + "l".repeat(51)
                    + "\",\"number\":\"1\"}]}").statusCode()).isEqualTo(400);
            assertThat(client.putUser("limits-user", "{\"smsNumbers\":[{\"carrier\":\"" + "c".repeat(101)
                    + "\",\"number\":\"1\"}]}").body()).contains("smsNumbers[].carrier", "100");
            assertThat(client.putUser("limits-user", "{\"smsNumbers\":[{\"number\":\"" + "9".repeat(51)
                    + "\"}]}").statusCode()).isEqualTo(400);
            assertThat(client.admin("POST", "/api/directory/import", "{\"users\":[{\"username\":\"ok\"},"
                    + "{\"username\":\"bad\",\"email\":\"" + "e".repeat(301) + "\"}]}").statusCode()).isEqualTo(400);

            assertThat(log.text()).doesNotContain("SECRETISH").doesNotContain(" ERROR ");
        }
        assertThat(client.admin("GET", "/api/directory/users/limits-user", null).statusCode()).isEqualTo(404);
        assertThat(client.admin("GET", "/api/directory/users/ok", null).statusCode()).isEqualTo(404);
    }

    @Test
    void controlCharactersInADirectoryUsernameAre400() {
        HttpResponse<String> r = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/directory/users/eve%0d%0aforged")))
                .header("X-API-Key", AcrobitsClient.API_KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("invalid_field");
    }

    @Test
    void outboxWithOverLongToLogicalIdIs400() throws Exception {
        String request = "{\"documentName\":\"SyncSalesOrder\",\"payload\":\"<SyncSalesOrder/>\",\"toLogicalId\":\""
                + "l".repeat(201) + "\"}";
        try (LogLines log = LogLines.capture()) {
            HttpResponse<String> r = client.admin("POST", "/api/ion/outbox", request);

            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("message").asText()).contains("'toLogicalId'", "200");
            assertThat(log.text()).doesNotContain(" ERROR ");
        }
    }
}
