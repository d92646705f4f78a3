package io.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import io.switchboard.TestHub;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpErrorsTest {

    private static TestHub hub;

    @BeforeAll
    static void start() throws Exception {
        hub = TestHub.start(Map.of("hub.api.key", "test-key-123", "hub.api.user", "ops",
                "hub.api.password", "ops-pass"));
        hub.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/api/test/echo").routeConfigurationId(HttpErrors.ID)
                        .process("apiAuthentication").setBody(constant("ok"));
                from("platform-http:/api/test/bad").routeConfigurationId(HttpErrors.ID)
                        .throwException(HttpProblem.badRequest("missing_field", "field 'x' is required"));
                from("platform-http:/api/test/bug").routeConfigurationId(HttpErrors.ID)
                        .throwException(new IllegalStateException("secret internals"));
            }
        });
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void apiWithoutCredentialsIsUnauthorisedWithJsonBody() {
        HttpResponse<String> r = hub.get("/api/test/echo");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("\"error\":\"unauthorized\"").contains("X-API-Key");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void apiKeyOrBasicCredentialsAreAccepted() {
        assertThat(send("/api/test/echo", "X-API-Key", "test-key-123").statusCode()).isEqualTo(200);
        String basic = "Basic " + Base64.getEncoder().encodeToString("ops:ops-pass".getBytes(StandardCharsets.UTF_8));
        assertThat(send("/api/test/echo", "Authorization", basic).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongCredentialsAreUnauthorised() {
        assertThat(send("/api/test/echo", "X-API-Key", "test-key-124").statusCode()).isEqualTo(401);
        String basic = "Basic " + Base64.getEncoder().encodeToString("ops:nope".getBytes(StandardCharsets.UTF_8));
        assertThat(send("/api/test/echo", "Authorization", basic).statusCode()).isEqualTo(401);
    }

    @Test
    void problemBecomesItsStatusAndJsonBody() {
        HttpResponse<String> r = hub.get("/api/test/bad");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"error\":\"missing_field\",\"message\":\"field 'x' is required\"}");
    }

    @Test
    void bugIsA500WithoutInternals() {
        HttpResponse<String> r = hub.get("/api/test/bug");

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("\"error\":\"internal_error\"").doesNotContain("secret internals")
                .doesNotContain("at io.");
    }

    private HttpResponse<String> send(String path, String header, String value) {
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url(path))).header(header, value).GET().build());
    }
}
