package io.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.TestHub;
import io.switchboard.chat.ChatHub;
import io.switchboard.chat.FakeI2a;
import org.apache.camel.model.DataFormatDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.UnmarshalDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every /api operation that takes a JSON body receives the record its REST DSL verb declares (type(…)): bound by
 * the REST DSL (PUT /api/directory/users/{u}) or in the verb's route by ApiJsonBody, after authentication, with the
 * size checked first; the documented error codes and their order are unchanged.
 */
class ApiBodyBindingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeI2a i2a;
    private static TestHub hub;

    @BeforeAll
    static void start() {
        i2a = FakeI2a.start(ChatHub.SECRET);
        hub = ChatHub.start(i2a, Map.of("hub.i2a.api-max-body-bytes", "2000", "hub.ion.max-payload-bytes", "4000"));
        ChatHub.addDirectoryUsers(hub, "ann.bind", "bob.bind");
        ChatHub.addSignInUser(hub, "app.bind", "app-bind-password");
    }

    @AfterAll
    static void stop() {
        hub.close();
        i2a.close();
    }

    private static HttpResponse<String> call(String method, String path, String body, String... headers) {
        var request = HttpRequest.newBuilder(URI.create(hub.url(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return hub.send(request.build());
    }

    private static HttpResponse<String> asService(String method, String path, String body) {
        return call(method, path, body, "X-API-Key", ChatHub.API_KEY, "Content-Type", "application/json");
    }

    private static JsonNode error(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("error").asText()).isEqualTo(code);
        assertThat(body.path("message").asText()).isNotBlank();
        return body;
    }

    @Test
    void everyApiOperationWithARequestTypeBindsItsBodyToThatType() {
        ModelCamelContext model = (ModelCamelContext) hub.context();
        List<String> typed = new ArrayList<>();
        List<String> unbound = new ArrayList<>();
        for (RestDefinition rest : model.getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                if (verb.getType() == null || !rest.getPath().startsWith("/api/")) {
                    continue;
                }
                typed.add(verb.getRouteId());
                boolean restBinding = "json".equals(verb.getBindingMode());
                if (!restBinding && !unmarshalsTo(model.getRouteDefinition(verb.getRouteId()), verb.getType())) {
                    unbound.add(verb.getRouteId() + " (" + verb.getType() + ")");
                }
            }
        }
        assertThat(typed).contains("chat-api-create-room", "chat-api-open-session", "directory-api-import",
                "directory-api-user-save", "ion-outbox-api");
        assertThat(unbound).as("operations that declare a request type but read their body by hand").isEmpty();
    }

    private static boolean unmarshalsTo(RouteDefinition route, String type) {
        List<ProcessorDefinition<?>> steps = new ArrayList<>(route.getOutputs());
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof UnmarshalDefinition unmarshal) {
                DataFormatDefinition format = unmarshal.getDataFormatType();
                if (format != null && format.getDataFormat() instanceof ApiJsonBody body
                        && body.type().getName().equals(type)) {
                    return true;
                }
            }
            steps.addAll(steps.get(i).getOutputs());
        }
        return false;
    }

    @Test
    void aChatFieldOfTheWrongJsonTypeIs400InvalidFieldNamingIt() throws Exception {
        JsonNode message = error(asService("POST", "/api/chat/rooms/ANY/messages", "{\"message\":42}"), 400,
                "invalid_field");
        assertThat(message.path("message").asText()).startsWith("message").contains("a string");

        JsonNode member = error(asService("POST", "/api/chat/rooms",
                "{\"key\":\"BIND-1\",\"members\":[\"ann.bind\",7]}"), 400, "invalid_field");
        assertThat(member.path("message").asText()).contains("members[1]");

        JsonNode key = error(asService("POST", "/api/chat/rooms", "{\"key\":{\"a\":1}}"), 400, "invalid_field");
        assertThat(key.path("message").asText()).startsWith("key");

        JsonNode custom = error(asService("POST", "/api/chat/sessions",
                "{\"user\":\"ann.bind\",\"deviceId\":\"d\",\"customData\":\"x\"}"), 400, "invalid_field");
        assertThat(custom.path("message").asText()).contains("customData");

        error(asService("POST", "/api/chat/rooms", "[1,2]"), 400, "invalid_json");
        error(asService("POST", "/api/chat/rooms", "{not json"), 400, "invalid_json");
        error(asService("POST", "/api/chat/rooms", "null"), 400, "invalid_json");
        assertThat(i2a.rooms().values()).noneMatch(r -> r.members().contains("ann.bind") && r.type().equals("BIND-1"));
    }

    @Test
    void chatErrorsKeepTheirOrderAuthenticationThenSizeThenBody() throws Exception {
        String oversizedGarbage = "{not json " + "x".repeat(3000);
        error(call("POST", "/api/chat/rooms", oversizedGarbage, "Content-Type", "application/json"), 401, "unauthorized");
        error(asService("POST", "/api/chat/rooms", oversizedGarbage), 413, "payload_too_large");
        // a bodiless verb is capped the same way
        error(asService("POST", "/api/chat/rooms/ANY/leave", "x".repeat(3000)), 413, "payload_too_large");
        // present but the wrong type before the room is looked up (404) or the caller's role checked
        error(asService("POST", "/api/chat/rooms/NO-SUCH-ROOM/members", "{\"members\":[1]}"), 400, "invalid_field");
        error(asService("POST", "/api/chat/rooms/NO-SUCH-ROOM/members", "{\"members\":[]}"), 400, "missing_field");
        // system messages are the service's: an app user hears 403 before anything about the body, as before binding
        error(ChatHub.asUser(hub, "app.bind", "app-bind-password", "POST", "/api/chat/rooms/ANY/messages", "{not json"),
                403, "forbidden");
    }

    @Test
    void chatStillTakesAnyContentTypeAndAnyAcceptAndIgnoresUnknownFields() throws Exception {
        var noContentType = call("POST", "/api/chat/rooms", "{\"key\":\"BIND-2\",\"members\":[\"ann.bind\"],\"extra\":1}",
                "X-API-Key", ChatHub.API_KEY);
        assertThat(noContentType.statusCode()).as(noContentType.body()).isEqualTo(201);
        assertThat(JSON.readTree(noContentType.body()).path("key").asText()).isEqualTo("BIND-2");

        var textPlain = call("POST", "/api/chat/rooms/BIND-2/members", "{\"members\":[\"bob.bind\"],\"role\":\"admin\"}",
                "X-API-Key", ChatHub.API_KEY, "Content-Type", "text/plain", "Accept", "text/plain");
        assertThat(textPlain.statusCode()).as(textPlain.body()).isEqualTo(200);
        assertThat(JSON.readTree(textPlain.body()).path("members").findValuesAsText("role")).contains("admin");
    }

    @Test
    void importBindsABareArrayAndAnObjectAndNamesABadUserByPosition() throws Exception {
        var bare = call("POST", "/api/directory/import", "[{\"username\":\"imp.one\"},{\"username\":\"imp.two\"}]",
                "X-API-Key", ChatHub.API_KEY);
        assertThat(bare.statusCode()).as(bare.body()).isEqualTo(200);
        assertThat(JSON.readTree(bare.body()).path("imported").asInt()).isEqualTo(2);

        var object = asService("POST", "/api/directory/import", "{\"users\":[{\"username\":\"imp.three\"}],\"note\":\"x\"}");
        assertThat(object.statusCode()).as(object.body()).isEqualTo(200);
        assertThat(asService("GET", "/api/directory/users/imp.three", null).statusCode()).isEqualTo(200);

        JsonNode mistyped = error(asService("POST", "/api/directory/import",
                "{\"users\":[{\"username\":\"imp.four\"},{\"username\":\"imp.five\",\"phones\":\"+41\"}]}"), 400,
                "invalid_import");
        assertThat(mistyped.path("message").asText()).startsWith("user 2: field 'phones' has the wrong type");
        JsonNode unknown = error(asService("POST", "/api/directory/import", "[{\"username\":\"imp.six\",\"colour\":\"red\"}]"),
                400, "invalid_import");
        assertThat(unknown.path("message").asText()).startsWith("user 1: unknown field 'colour'");
        error(asService("POST", "/api/directory/import", "[null]"), 400, "invalid_import");
        error(asService("POST", "/api/directory/import", "{\"users\":5}"), 400, "invalid_import");
        error(asService("POST", "/api/directory/import", "{}"), 400, "invalid_import");
        error(asService("POST", "/api/directory/import", "[{\"username\":\"imp.seven\""), 400, "malformed_json");
        error(asService("POST", "/api/directory/import", ""), 400, "malformed_json");
        error(call("POST", "/api/directory/import", "[{not json", "Content-Type", "application/json"), 401, "unauthorized");
        assertThat(asService("GET", "/api/directory/users/imp.four", null).statusCode()).isEqualTo(404);
    }

    @Test
    void outboxChecksTheRawSizeBeforeParsingAndAfterAuthentication() throws Exception {
        String oversizedGarbage = "{not json " + "x".repeat(5000);
        error(call("POST", "/api/ion/outbox", oversizedGarbage, "Content-Type", "application/json"), 401, "unauthorized");
        JsonNode tooLarge = error(asService("POST", "/api/ion/outbox", oversizedGarbage), 413, "too_large");
        assertThat(tooLarge.path("message").asText()).contains("hub.ion.max-payload-bytes=4000");

        error(asService("POST", "/api/ion/outbox", ""), 400, "missing_body");
        JsonNode mistyped = error(asService("POST", "/api/ion/outbox",
                "{\"documentName\":\"SyncSalesOrder\",\"payload\":\"<a/>\",\"variation\":3}"), 400, "invalid_field");
        assertThat(mistyped.path("message").asText()).contains("'variation'");
        var accepted = asService("POST", "/api/ion/outbox",
                "{\"documentName\":\"SyncSalesOrder\",\"payload\":\"<a/>\",\"comment\":\"ignored\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    }

    @Test
    void theOpenApiDocumentShowsTheRequestSchemaOfEveryBoundOperation() throws Exception {
        JsonNode doc = JSON.readTree(hub.get(ApiRestConfiguration.OPENAPI_PATH).body());
        Map<String, String> bodies = new HashMap<>();
        bodies.put("/api/chat/rooms", "post");
        bodies.put("/api/chat/rooms/{key}/members", "post");
        bodies.put("/api/chat/rooms/{key}/name", "put");
        bodies.put("/api/chat/rooms/{key}/messages", "post");
        bodies.put("/api/chat/sessions", "post");
        bodies.put("/api/chat/sessions/close", "post");
        bodies.put("/api/directory/import", "post");
        bodies.put("/api/ion/outbox", "post");
        JsonNode schemas = doc.path("components").path("schemas");
        for (var body : bodies.entrySet()) {
            JsonNode operation = doc.path("paths").path(body.getKey()).path(body.getValue());
            String ref = operation.path("requestBody").findPath("$ref").asText();
            assertThat(ref).as("%s %s request schema", body.getValue(), body.getKey()).startsWith("#/components/schemas/");
            JsonNode schema = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
            assertThat(schema.path("properties").size()).as(ref).isPositive();
        }
        assertThat(schemas.path("ImportRequest").path("properties").has("users")).isTrue();
        assertThat(schemas.path("OpenSession").path("properties").has("deviceId")).isTrue();
        assertThat(schemas.path("OutboxRequest").path("properties").path("documentName").path("type").asText())
                .isEqualTo("string");
    }
}
