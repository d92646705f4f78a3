package io.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.TestHub;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.rest.RestEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every /api service is REST DSL: its contract is served at /api/openapi.json. */
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

    @Test
    void everyApiRouteOfTheRunningHubIsInTheOpenApiDocument() throws Exception {
        JsonNode paths = JSON.readTree(hub.get(ApiRestConfiguration.OPENAPI_PATH).body()).path("paths");

        List<String> served = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Route route : hub.context().getRoutes()) {
            String[] operation = operation(route);
            if (operation == null || !operation[1].startsWith("/api/") || operation[1].equals(ApiRestConfiguration.OPENAPI_PATH)) {
                continue;
            }
            assertThat(operation[0]).as("route %s answers every method: declare it as a REST verb", route.getRouteId())
                    .isNotBlank();
            for (String method : operation[0].split(",")) {
                String served1 = method.trim().toUpperCase(Locale.ROOT) + " " + operation[1];
                served.add(served1);
                if (!paths.path(operation[1]).has(method.trim().toLowerCase(Locale.ROOT))) {
                    missing.add(served1 + " (route " + route.getRouteId() + ")");
                }
            }
        }
        assertThat(served).contains("POST /api/chat/rooms", "PUT /api/directory/users/{username}",
                "POST /api/directory/import", "GET /api/chat/i2a", "POST /api/ion/outbox",
                "GET /api/admin/dead-letters");
        assertThat(missing).as("/api routes missing from the OpenAPI document").isEmpty();
    }

    @Test
    void chatAndDirectoryOperationsCarryTheirTypesParametersAndErrors() throws Exception {
        var answer = hub.get(ApiRestConfiguration.OPENAPI_PATH);
        JsonNode doc = JSON.readTree(answer.body());
        JsonNode paths = doc.path("paths");

        JsonNode createRoom = paths.path("/api/chat/rooms").path("post");
        assertThat(createRoom.path("requestBody").toString()).contains("CreateRoom");
        assertThat(createRoom.path("responses").has("201")).isTrue();
        assertThat(createRoom.path("responses").has("400")).isTrue();
        assertThat(createRoom.path("responses").has("503")).isTrue();
        JsonNode save = paths.path("/api/directory/users/{username}").path("put");
        assertThat(save.path("parameters").toString()).contains("username");
        assertThat(save.path("requestBody").toString()).contains("DirectoryUserRequest");
        assertThat(save.path("responses").has("201")).isTrue();
        assertThat(save.path("responses").has("400")).isTrue();
        assertThat(paths.path("/api/chat/rooms/{key}").has("delete")).isTrue();
        assertThat(answer.body()).contains("sipPassword").contains("deviceId");
        assertThat(doc.path("components").path("securitySchemes").has("bearer")).isTrue();
    }

    /** {methods, path} of an HTTP route: a REST DSL verb or a plain platform-http consumer; null for others. */
    private static String[] operation(Route route) {
        if (route.getEndpoint() instanceof RestEndpoint rest) {
            String template = rest.getUriTemplate() == null ? "" : rest.getUriTemplate();
            String path = (rest.getPath() + (template.startsWith("/") || template.isEmpty() ? "" : "/") + template)
                    .replaceAll("/+$", "");
            return new String[] {rest.getMethod(), path.startsWith("/") ? path : "/" + path};
        }
        if (route.getEndpoint() instanceof PlatformHttpEndpoint http) {
            String path = http.getPath().startsWith("/") ? http.getPath() : "/" + http.getPath();
            return new String[] {http.getHttpMethodRestrict() == null ? "" : http.getHttpMethodRestrict(), path};
        }
        return null;
    }
}
