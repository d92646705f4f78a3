package io.switchboard.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * App users sign in to chat as themselves: directory credentials or an IdP JWT open an I2A session
 * for that user only; the service API key cannot open sessions for users (impersonation is off).
 */
class ChatSignInTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeI2a i2a;
    private static FakeIdp idp;
    private static TestHub hub;

    @BeforeAll
    static void start() {
        i2a = FakeI2a.start(ChatHub.SECRET);
        idp = FakeIdp.start();
        hub = ChatHub.start(i2a, Map.of("hub.chat.auth.jwt.jwks-url", idp.jwksUrl(),
                "hub.chat.auth.jwt.issuer", FakeIdp.ISSUER, "hub.chat.auth.jwt.audience", "other-app," + FakeIdp.AUDIENCE,
                "hub.acrobits.rate-limit.max-failures", "1000"));
        ChatHub.putUser(hub, "alice", """
                {"cloudUsername":"alice.cloud","displayName":"Alice Adams","avatar":"https://example.com/a.png",
                 "password":"alice-secret-1"}""");
        ChatHub.addSignInUser(hub, "bob", "bob-secret-12");
        ChatHub.addSignInUser(hub, "gone", "gone-secret-1");
        ChatHub.delete(hub, "/api/directory/users/gone");
    }

    @AfterAll
    static void stop() {
        hub.close();
        i2a.close();
        idp.close();
    }

    @Test
    void directoryCredentialsOpenASessionForThatUserWithDirectoryCustomData() throws Exception {
        var response = ChatHub.asUser(hub, "alice.cloud", "alice-secret-1", "POST", "/api/chat/sessions",
                "{\"deviceId\":\"phone-1\",\"fcmToken\":\"fcm-1\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        var body = JSON.readTree(response.body());
        assertThat(body.get("user").asText()).as("the directory username, whichever login was used").isEqualTo("alice");
        assertThat(i2a.sessions()).containsEntry(body.get("token").asText(), "alice/phone-1");
        var open = i2a.requests("open-session").stream()
                .filter(r -> r.form().get("device_identifier").contains("phone-1")).findFirst().orElseThrow();
        assertThat(JSON.readTree(open.form().get("custom_data").get(0)))
                .isEqualTo(JSON.readTree("{\"displayName\":\"Alice Adams\",\"avatar\":\"https://example.com/a.png\"}"));
        assertThat(response.body()).doesNotContain(ChatHub.SECRET, "alice-secret-1");
    }

    @Test
    void theCallersCustomDataOverridesTheDirectoryKeyByKey() throws Exception {
        var response = ChatHub.asUser(hub, "alice", "alice-secret-1", "POST", "/api/chat/sessions",
                "{\"deviceId\":\"tablet\",\"customData\":{\"displayName\":\"Ali\",\"role\":\"tech\"}}");

        assertThat(response.statusCode()).isEqualTo(201);
        var open = i2a.requests("open-session").stream()
                .filter(r -> r.form().get("device_identifier").contains("tablet")).findFirst().orElseThrow();
        assertThat(JSON.readTree(open.form().get("custom_data").get(0))).isEqualTo(JSON.readTree(
                "{\"displayName\":\"Ali\",\"avatar\":\"https://example.com/a.png\",\"role\":\"tech\"}"));
    }

    @Test
    void aUserCannotOpenOrCloseASessionForSomeoneElse() {
        var other = ChatHub.asUser(hub, "bob", "bob-secret-12", "POST", "/api/chat/sessions",
                "{\"user\":\"alice\",\"deviceId\":\"evil\"}");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("\"error\":\"forbidden\"");
        var close = ChatHub.asUser(hub, "bob", "bob-secret-12", "POST", "/api/chat/sessions/close",
                "{\"user\":\"alice\",\"deviceId\":\"phone-1\"}");
        assertThat(close.statusCode()).isEqualTo(403);
        assertThat(i2a.sessions()).doesNotContainValue("alice/evil");
        var self = ChatHub.asUser(hub, "bob", "bob-secret-12", "POST", "/api/chat/sessions",
                "{\"user\":\"bob\",\"deviceId\":\"own\"}");
        assertThat(self.statusCode()).isEqualTo(201);
    }

    @Test
    void wrongPasswordUnknownAndDeactivatedUsersAreRefused401() {
        for (String[] login : new String[][] {{"alice", "wrong-password"}, {"nobody", "whatever-1"}, {"gone", "gone-secret-1"}}) {
            var response = ChatHub.asUser(hub, login[0], login[1], "POST", "/api/chat/sessions", "{\"deviceId\":\"d\"}");
            assertThat(response.statusCode()).as(login[0]).isEqualTo(401);
            assertThat(response.body()).contains("\"error\":\"unauthorized\"").doesNotContain(login[1]);
        }
        assertThat(i2a.sessions()).doesNotContainValue("gone/d");
    }

    @Test
    void theServiceKeyCannotOpenSessionsForUsersOrActForThem() {
        var open = ChatHub.post(hub, "/api/chat/sessions", "{\"user\":\"alice\",\"deviceId\":\"backend\"}");
        assertThat(open.statusCode()).isEqualTo(403);
        assertThat(open.body()).contains("impersonation_not_allowed");
        var actingFor = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/chat/sessions")))
                .header("X-API-Key", ChatHub.API_KEY).header(ChatAuthentication.ACT_AS_HEADER, "alice")
                .POST(HttpRequest.BodyPublishers.ofString("{\"deviceId\":\"backend\"}")).build());
        assertThat(actingFor.statusCode()).isEqualTo(403);
        assertThat(actingFor.body()).contains("impersonation_not_allowed");
        assertThat(i2a.sessions()).doesNotContainValue("alice/backend");
        assertThat(ChatHub.post(hub, "/api/chat/rooms", "{\"key\":\"BACKEND-1\",\"members\":[\"alice\"]}").statusCode())
                .as("the key keeps its back-end role").isEqualTo(201);
    }

    @Test
    void anIdpTokenOpensASessionForTheUserItNames() throws Exception {
        var response = ChatHub.withBearer(hub, idp.token("bob"), "POST", "/api/chat/sessions", "{\"deviceId\":\"web\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(JSON.readTree(response.body()).get("user").asText()).isEqualTo("bob");
        assertThat(i2a.sessions()).containsValue("bob/web");
    }

    @Test
    void idpTokensWithWrongAudienceIssuerKeyOrLifetimeAreRefused401() {
        Instant soon = Instant.now().plusSeconds(300);
        Map<String, String> bad = Map.of(
                "audience", idp.token("bob", FakeIdp.ISSUER, "someone-else", soon, false),
                "issuer", idp.token("bob", "https://evil.example.com/", FakeIdp.AUDIENCE, soon, false),
                "key", idp.token("bob", FakeIdp.ISSUER, FakeIdp.AUDIENCE, soon, true),
                "expired", idp.token("bob", FakeIdp.ISSUER, FakeIdp.AUDIENCE, Instant.now().minusSeconds(600), false),
                "alg none", idp.unsignedToken("bob"),
                "not a jwt", "abc.def");
        bad.forEach((what, token) -> {
            var response = ChatHub.withBearer(hub, token, "POST", "/api/chat/sessions", "{\"deviceId\":\"web-bad\"}");
            assertThat(response.statusCode()).as(what).isEqualTo(401);
            assertThat(response.body()).as(what).contains("\"error\":\"unauthorized\"").doesNotContain(token);
        });
        assertThat(i2a.sessions()).doesNotContainValue("bob/web-bad");
    }

    @Test
    void aValidTokenForSomeoneNotActiveInTheDirectoryIsRefused403() {
        var stranger = ChatHub.withBearer(hub, idp.token("stranger"), "POST", "/api/chat/sessions", "{\"deviceId\":\"x\"}");
        assertThat(stranger.statusCode()).isEqualTo(403);
        var gone = ChatHub.withBearer(hub, idp.token("gone"), "POST", "/api/chat/sessions", "{\"deviceId\":\"x\"}");
        assertThat(gone.statusCode()).isEqualTo(403);
    }

    @Test
    void anUnreachableIdentityProviderAnswers503WithRetryAfter() {
        FakeIdp down = FakeIdp.start();
        String url = down.jwksUrl();
        down.close();
        try (TestHub other = ChatHub.start(i2a, Map.of("hub.chat.auth.jwt.jwks-url", url,
                "hub.chat.auth.jwt.issuer", FakeIdp.ISSUER, "hub.chat.auth.jwt.audience", FakeIdp.AUDIENCE,
                "hub.chat.auth.jwt.jwks-timeout", "500"))) {
            var response = ChatHub.withBearer(other, idp.token("bob"), "POST", "/api/chat/sessions", "{\"deviceId\":\"x\"}");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("idp_unavailable");
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    void withImpersonationAllowedTheServiceKeyMayOpenSessionsForUsers() throws Exception {
        try (TestHub trusting = ChatHub.start(i2a, Map.of("hub.chat.auth.service-may-impersonate", "true"))) {
            ChatHub.addSignInUser(trusting, "carol", "carol-secret-1");
            var response = ChatHub.post(trusting, "/api/chat/sessions", "{\"user\":\"carol\",\"deviceId\":\"crm\"}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            assertThat(i2a.sessions()).containsValue("carol/crm");
            var actingFor = trusting.send(HttpRequest.newBuilder(URI.create(trusting.url("/api/chat/users/carol/rooms")))
                    .header("X-API-Key", ChatHub.API_KEY).header(ChatAuthentication.ACT_AS_HEADER, "carol").GET().build());
            assertThat(actingFor.statusCode()).isEqualTo(200);
            var notCarol = trusting.send(HttpRequest.newBuilder(URI.create(trusting.url("/api/chat/users/dave/rooms")))
                    .header("X-API-Key", ChatHub.API_KEY).header(ChatAuthentication.ACT_AS_HEADER, "carol").GET().build());
            assertThat(notCarol.statusCode()).as("acting for carol is being carol").isEqualTo(403);
        }
    }

    @Test
    void repeatedWrongPasswordsAreThrottled429EvenWithTheRightOneAfterwards() {
        try (TestHub strict = ChatHub.start(i2a, Map.of("hub.acrobits.rate-limit.max-failures", "2"))) {
            ChatHub.addSignInUser(strict, "fay", "fay-secret-12");
            for (int i = 0; i < 2; i++) {
                assertThat(ChatHub.asUser(strict, "fay", "guess-" + i, "POST", "/api/chat/sessions", "{\"deviceId\":\"d\"}")
                        .statusCode()).isEqualTo(401);
            }
            var blocked = ChatHub.asUser(strict, "fay", "fay-secret-12", "POST", "/api/chat/sessions", "{\"deviceId\":\"d\"}");
            assertThat(blocked.statusCode()).isEqualTo(429);
            assertThat(blocked.body()).contains("too_many_attempts");
            assertThat(i2a.sessions()).doesNotContainValue("fay/d");
        }
    }
}
