package io.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /api/admin and /api/ion/outbox are REST DSL services: their contract is served at /api/openapi.json. */
class ApiOpenApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestHub hub;

    @BeforeAll
    static void start() {
        hub = TestHub.start(Map.of("hub.api.key", "openapi-test-key"));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void openApiDocumentListsTheAdminAndOutboxOperations() throws Exception {
        var answer = hub.get(ApiRestConfiguration.OPENAPI_PATH);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode doc = JSON.readTree(answer.body());
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        assertThat(doc.path("info").path("title").asText()).isEqualTo("Switchboard hub API");
        JsonNode paths = doc.path("paths");
        assertThat(paths.has("/api/admin/dead-letters")).isTrue();
        assertThat(paths.path("/api/admin/dead-letters/{id}/replay").has("post")).isTrue();
        assertThat(paths.path("/api/admin/messages/{messageId}").has("get")).isTrue();
        JsonNode outbox = paths.path("/api/ion/outbox").path("post");
        assertThat(outbox.path("responses").has("202")).isTrue();
        assertThat(outbox.path("responses").has("413")).isTrue();
        assertThat(answer.body()).contains("OutboxRequest").contains("documentName").contains("payload");
        JsonNode schemes = doc.path("components").path("securitySchemes");
        assertThat(schemes.path("apiKey").path("name").asText()).isEqualTo("X-API-Key");
        assertThat(schemes.path("basic").path("scheme").asText()).isEqualTo("basic");
    }

    @Test
    void restServicesStillAuthenticateAndAnswerJsonErrors() throws Exception {
        var anonymous = hub.get("/api/admin/dead-letters");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).path("error").asText()).isNotBlank();

        var missing = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/admin/messages/nope")))
                .header("X-API-Key", "openapi-test-key").GET().build());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).path("error").asText()).isEqualTo("not_found");

        var list = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/admin/dead-letters?limit=5")))
                .header("X-API-Key", "openapi-test-key").GET().build());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(list.body()).path("limit").asInt()).isEqualTo(5);
    }
}
