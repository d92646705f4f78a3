package io.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.switchboard.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CR/LF/NUL from a request never starts a log line of its own (item 4 of issue 12). */
class LogInjectionTest {

    private static final String API_KEY = "log-test-api-key-5521";
    private static final String FORGED = "%0d%0a2026-01-01T00:00:00.000Z%20INFO%20%20%5Bmain%5D%20FORGED%20event=forged%00";
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
    void controlCharactersFromRequestsAreEscapedInEveryLogLine() {
        try (LogLines log = LogLines.capture()) {
            hub.get("/acrobits/auth?username=eve" + FORGED + "&password=wrong-pass&cloud_id=ACME");
            hub.get("/observe/health?probe=" + FORGED);
            hub.get("/no/such" + FORGED);
            hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/directory/users/mallory" + FORGED)))
                    .header("X-API-Key", API_KEY).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"displayName\":\"M\"}")).build());
            String boundary = "b0undary";
            String multipart = "--" + boundary + "\r\nContent-Disposition: form-data;name=\"ParameterRequest\"\r\n\r\n"
                    + "{\"documentName\":\"SyncThing\",\"messageId\":\"m-1\\r\\n2026-01-01 FORGED event=forged\\u0000\"}"
                    + "\r\n--" + boundary + "\r\nContent-Disposition: form-data;name=\"MessagePayload\"\r\n\r\n"
                    + "<SyncThing/>\r\n--" + boundary + "--\r\n";
            hub.send(HttpRequest.newBuilder(URI.create(hub.url("/ims/service/v3/multipartMessage")))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("X-TenantId", "T")
                    .POST(HttpRequest.BodyPublishers.ofString(multipart, StandardCharsets.UTF_8)).build());

            assertThat(log.text()).contains("eve\\r\\n2026-01-01T00:00:00.000Z INFO  [main] FORGED");
            assertThat(log.lines()).allSatisfy(line -> assertThat(line)
                    .doesNotStartWith("2026-01-01")
                    .doesNotContain("\u0000")
                    .matches("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*|\tat .*|Caused by: .*|[\\w.$]+(: .*)?)$"));
        }
    }
}
