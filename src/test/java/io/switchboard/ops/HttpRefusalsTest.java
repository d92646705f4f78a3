package io.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.RawHttp;
import io.switchboard.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Refusals the HTTP router makes itself are in the hub's error shape (item 9 of issue 12). */
class HttpRefusalsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestHub hub;
    private static int port;

    @BeforeAll
    static void start() {
        hub = TestHub.start(Map.of("hub.api.key", "refusal-key-1", "camel.server.max-body-size", "8192",
                "hub.acrobits.cloud-id", "ACME"));
        port = Integer.parseInt(hub.url("").replaceAll(".*:", ""));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void bodyOverTheServerLimitIs413InTheErrorShape() throws Exception {
        RawHttp.Answer api = RawHttp.send(port, "POST /api/directory/import HTTP/1.1\r\nX-API-Key: refusal-key-1"
                + "\r\nContent-Type: application/json", "x".repeat(20_000).getBytes(StandardCharsets.UTF_8), 10_000);
        assertThat(api.status()).isEqualTo(413);
        assertThat(JSON.readTree(api.body()).path("error").asText()).isEqualTo("payload_too_large");

        RawHttp.Answer acrobits = RawHttp.send(port, "POST /acrobits/auth HTTP/1.1\r\nContent-Type: "
                + "application/x-www-form-urlencoded", "x".repeat(20_000).getBytes(StandardCharsets.UTF_8), 10_000);
        assertThat(acrobits.status()).isEqualTo(413);
        assertThat(acrobits.header("Content-Type")).isEqualTo("application/xml");
        assertThat(acrobits.body()).startsWith("<error><message>").contains("<code>payload_too_large</code>");
    }

    @Test
    void malformedEscapeIs400InTheErrorShape() throws Exception {
        for (String target : new String[] {"/observe/health?x=%zz", "/api/directory/users?q=%",
            "/ims/service/ping?x=%g1"}) {
            RawHttp.Answer answer = RawHttp.get(port, target);
            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(JSON.readTree(answer.body()).path("error").asText()).as(target).isEqualTo("malformed_request");
        }
        RawHttp.Answer acrobits = RawHttp.get(port, "/acrobits/auth?username=%zz");
        assertThat(acrobits.status()).isEqualTo(400);
        assertThat(acrobits.body()).startsWith("<error><message>");
    }

    @Test
    void malformedEscapeInThePathIs400InTheErrorShapeAndNoErrorLine() throws Exception {
        try (LogLines log = LogLines.capture()) {
            for (String target : new String[] {"/observe/health%zz", "/observe/%zz/health", "/ims/service/ping%",
                "/api/directory/users%g1"}) {
                RawHttp.Answer answer = RawHttp.get(port, target);
                assertThat(answer.status()).as(target).isEqualTo(400);
                assertThat(answer.header("Content-Type")).as(target).isEqualTo("application/json");
                assertThat(JSON.readTree(answer.body()).path("error").asText()).as(target)
                        .isEqualTo("malformed_request");
            }
            RawHttp.Answer acrobits = RawHttp.get(port, "/acrobits/%zz/auth");
            assertThat(acrobits.status()).isEqualTo(400);
            assertThat(acrobits.body()).startsWith("<error><message>").contains("<code>malformed_request</code>");
            // (before: Vert.x's outer router answered a plain-text "Bad Request" and logged an ERROR with a stack)
            assertThat(log.lines()).noneMatch(line -> line.contains(" ERROR "));
        }
        assertThat(hub.get("/observe/health").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPathWithControlBytesIs404WithValidJson() throws Exception {
        RawHttp.Answer answer = RawHttp.get(port, "/no\u0001such\"path\\x");

        assertThat(answer.status()).isEqualTo(404);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("error").asText()).isEqualTo("not_found");
        assertThat(body.path("message").asText()).contains("/no\u0001such\"path\\x");
    }

    @Test
    void clientAbortingAnUploadIsOneDebugLineAndNoError() throws Exception {
        try (LogLines log = LogLines.capture().debug(HttpRefusals.class)) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/directory/import HTTP/1.1\r\nHost: x\r\nX-API-Key: refusal-key-1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"users\":[")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> log.text().contains("event=http-client-aborted"));
            assertThat(log.lines()).noneMatch(line -> line.contains(" ERROR ") || line.contains(" WARN "));
            assertThat(log.text()).doesNotContain("\tat ");
        }
        assertThat(hub.get("/observe/health").statusCode()).isEqualTo(200);
    }
}
