package io.switchboard.acrobits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PUT /api/directory/users/{u} is bound by the REST DSL (bindingMode json): binding errors keep the hub's contract. */
class DirectoryApiBindingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "binding-test-key";
    private static TestHub hub;

    @BeforeAll
    static void start() {
        hub = TestHub.start(Map.of("hub.api.key", KEY));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static HttpResponse<String> put(String user, String body, boolean withKey) {
        var request = HttpRequest.newBuilder(URI.create(hub.url("/api/directory/users/" + user)))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body));
        if (withKey) {
            request.header("X-API-Key", KEY);
        }
        return hub.send(request.build());
    }

    private static JsonNode error(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("error").asText()).isNotBlank();
        assertThat(body.path("message").asText()).isNotBlank();
        return body;
    }

    @Test
    void aBoundRequestIsSavedAndAnsweredAsTheUserViewJson() throws Exception {
        var created = put("bound.user", "{\"displayName\":\"Bound User\",\"password\":\"long-enough-1\","
                + "\"phones\":[{\"number\":\"+41 1\"}]}", true);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode view = JSON.readTree(created.body());
        assertThat(view.path("username").asText()).isEqualTo("bound.user");
        assertThat(view.path("displayName").asText()).isEqualTo("Bound User");
        assertThat(view.path("hasPassword").asBoolean()).isTrue();
        assertThat(view.path("phones").get(0).path("number").asText()).isEqualTo("+41 1");
        assertThat(created.body()).doesNotContain("long-enough-1");

        var replaced = put("bound.user", "{\"displayName\":\"Bound Again\"}", true);
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(replaced.body()).path("hasPassword").asBoolean()).isTrue();
    }

    @Test
    void malformedJsonIsA400JsonErrorThatEchoesNothing() throws Exception {
        JsonNode body = error(put("broken.user", "{\"displayName\":\"x\",\"sipPassword\":\"Secret-Sip-42", true), 400);

        assertThat(body.path("error").asText()).isEqualTo("malformed_json");
        assertThat(body.toString()).doesNotContain("Secret-Sip-42");
        assertThat(hub.get("/observe/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownAndMistypedFieldsAreNamedIn400() throws Exception {
        JsonNode unknown = error(put("odd.user", "{\"displayName\":\"x\",\"favouriteColour\":\"red\"}", true), 400);
        assertThat(unknown.path("message").asText()).contains("unknown field 'favouriteColour'");

        JsonNode mistyped = error(put("odd.user", "{\"phones\":\"+41 1\"}", true), 400);
        assertThat(mistyped.path("message").asText()).contains("'phones'");

        JsonNode array = error(put("odd.user", "[1,2]", true), 400);
        assertThat(array.path("error").asText()).isEqualTo("malformed_json");

        JsonNode empty = error(put("odd.user", "", true), 400);
        assertThat(empty.path("message").asText()).contains("JSON body is required");
    }

    @Test
    void overLongFieldsStillAnswer400NamingTheFieldAndLimit() throws Exception {
        JsonNode body = error(put("long.user", "{\"displayName\":\"" + "d".repeat(301) + "\"}", true), 400);

        assertThat(body.path("error").asText()).isEqualTo("field_too_long");
        assertThat(body.path("message").asText()).contains("displayName").contains("300");
    }

    @Test
    void aCallerWithoutCredentialsHears401BeforeAnythingAboutTheBody() throws Exception {
        JsonNode body = error(put("anon.user", "{not json", false), 401);

        assertThat(body.path("error").asText()).isEqualTo("unauthorized");
        assertThat(hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/directory/users/anon.user")))
                .header("X-API-Key", KEY).GET().build()).statusCode()).isEqualTo(404);
    }

    @Test
    void acceptIsFreeAWrongContentTypeIs415AndAWrongMethod405() throws Exception {
        var list = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/directory/users")))
                .header("X-API-Key", KEY).header("Accept", "text/plain").GET().build());
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(JSON.readTree(list.body()).has("users")).isTrue();

        // the bound operation reads JSON only: another Content-Type is a clear 415, not a 404
        var noContentType = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/directory/users/plain.user")))
                .header("X-API-Key", KEY).PUT(HttpRequest.BodyPublishers.ofString("{\"displayName\":\"Plain\"}"))
                .build());
        assertThat(error(noContentType, 415).path("error").asText()).isEqualTo("unsupported_media_type");

        var wrongMethod = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/directory/users/plain.user")))
                .header("X-API-Key", KEY).POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(error(wrongMethod, 405).path("error").asText()).isEqualTo("method_not_allowed");
    }
}
