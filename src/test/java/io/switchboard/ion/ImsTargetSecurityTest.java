package io.switchboard.ion;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import io.switchboard.TestHub;
import org.junit.jupiter.api.Test;

/**
 * The API Gateway's target endpoint security types, as the hub checks them on GET {ims}/service/ping and on a
 * message: Basic, API Key (a named header) and OAuth 2.0 / JWT target authentication (a verified JWT bearer).
 */
class ImsTargetSecurityTest {

    private static final String PING = "/ims/service/ping";

    @Test
    void basicAcceptsTheConfiguredUserAndRefusesEverythingElse() {
        try (TestHub hub = TestHub.start(Map.of("hub.ims.auth.mode", "basic", "hub.ims.auth.user", "ion-gateway",
                "hub.ims.auth.password", "gateway-secret-not-real"))) {
            assertThat(ping(hub, "Authorization", basic("ion-gateway", "gateway-secret-not-real")).statusCode())
                    .isEqualTo(200);
            assertThat(ping(hub, "Authorization", basic("ion-gateway", "wrong")).statusCode()).isEqualTo(401);
            assertThat(ping(hub, "Authorization", basic("someone", "gateway-secret-not-real")).statusCode())
                    .isEqualTo(401);
            HttpResponse<String> none = ping(hub, null, null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.body()).contains("\"error\":\"unauthorized\"").doesNotContain("not-real");
        }
    }

    @Test
    void apiKeyHeaderAcceptsTheConfiguredKeyOnlyInItsOwnHeader() {
        try (TestHub hub = TestHub.start(Map.of("hub.ims.auth.mode", "header", "hub.ims.auth.header-name",
                "X-Switchboard-Key", "hub.ims.auth.header-value", "key-value-not-real"))) {
            assertThat(ping(hub, "X-Switchboard-Key", "key-value-not-real").statusCode()).isEqualTo(200);
            assertThat(ping(hub, "X-Switchboard-Key", "key-value-not-reaL").statusCode()).isEqualTo(401);
            assertThat(ping(hub, "Authorization", "key-value-not-real").statusCode()).isEqualTo(401);
            HttpResponse<String> missing = ping(hub, null, null);
            assertThat(missing.statusCode()).isEqualTo(401);
            assertThat(missing.body()).contains("X-Switchboard-Key").doesNotContain("not-real");
        }
    }

    @Test
    void jwtBearerIsVerifiedAgainstTheJwksUrlWithSignatureIssuerAudienceAndExpiry() {
        try (FakeJwks issuer = FakeJwks.start(); TestHub hub = TestHub.start(jwtProps("hub.ims.auth.jwt.jwks-url",
                issuer.url()))) {
            assertThat(ping(hub, "Authorization", "Bearer " + issuer.token()).statusCode()).isEqualTo(200);

            RSAKey key = issuer.currentKey();
            assertRefused(hub, FakeJwks.sign(key, FakeJwks.claims(FakeJwks.ISSUER, FakeJwks.AUDIENCE,
                    Instant.now().minusSeconds(600))), "expired");
            assertRefused(hub, FakeJwks.sign(key, FakeJwks.claims(FakeJwks.ISSUER, "another-api",
                    Instant.now().plusSeconds(300))), "wrong audience");
            assertRefused(hub, FakeJwks.sign(key, FakeJwks.claims("https://evil.example.com", FakeJwks.AUDIENCE,
                    Instant.now().plusSeconds(300))), "wrong issuer");
            assertRefused(hub, FakeJwks.sign(key, FakeJwks.claims(FakeJwks.ISSUER, FakeJwks.AUDIENCE, null)), null);
            // same key id, another private key: the signature does not verify
            RSAKey impostor = FakeJwks.newKey();
            RSAKey sameKid = new RSAKey.Builder(impostor).keyID(key.getKeyID()).build();
            assertRefused(hub, FakeJwks.sign(sameKid, FakeJwks.claims(FakeJwks.ISSUER, FakeJwks.AUDIENCE,
                    Instant.now().plusSeconds(300))), "signature");
            // alg=none and a token with its signature cut off
            String valid = issuer.token();
            String header = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
            assertRefused(hub, header + valid.substring(valid.indexOf('.'), valid.lastIndexOf('.') + 1), null);
            assertRefused(hub, "not-a-jwt", null);
            assertThat(ping(hub, null, null).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aRotatedKeyIsFetchedFromTheJwksUrlAndTheRetiredKeyIsRefused() {
        try (FakeJwks issuer = FakeJwks.start(); TestHub hub = TestHub.start(jwtProps("hub.ims.auth.jwt.jwks-url",
                issuer.url()))) {
            String oldToken = issuer.token();
            assertThat(ping(hub, "Authorization", "Bearer " + oldToken).statusCode()).isEqualTo(200);
            int fetches = issuer.fetches();

            issuer.rotate(false);
            assertThat(ping(hub, "Authorization", "Bearer " + issuer.token()).statusCode()).isEqualTo(200);
            assertThat(issuer.fetches()).as("the unknown key id re-read the JWKS").isEqualTo(fetches + 1);
            assertThat(ping(hub, "Authorization", "Bearer " + oldToken).statusCode()).isEqualTo(401);
            assertThat(ping(hub, "Authorization", "Bearer " + issuer.token()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aJwkFileFromTheGatewayIsReadAgainWhenTheOperatorReplacesIt() throws Exception {
        Path file = TestHub.tempDir().resolve("gateway-public-jwk.json");
        RSAKey first = FakeJwks.newKey();
        Files.writeString(file, first.toPublicJWK().toJSONString());
        try (TestHub hub = TestHub.start(jwtProps("hub.ims.auth.jwt.jwks-file", file.toString()))) {
            String firstToken = FakeJwks.sign(first, FakeJwks.claims(FakeJwks.ISSUER, FakeJwks.AUDIENCE,
                    Instant.now().plusSeconds(300)));
            assertThat(ping(hub, "Authorization", "Bearer " + firstToken).statusCode()).isEqualTo(200);

            RSAKey second = FakeJwks.newKey();
            Files.writeString(file, "{\"keys\":[" + second.toPublicJWK().toJSONString() + "]}");
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
            String secondToken = FakeJwks.sign(second, FakeJwks.claims(FakeJwks.ISSUER, FakeJwks.AUDIENCE,
                    Instant.now().plusSeconds(300)));
            assertThat(ping(hub, "Authorization", "Bearer " + secondToken).statusCode()).isEqualTo(200);
            assertThat(ping(hub, "Authorization", "Bearer " + firstToken).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void jwtModeWithoutIssuerOrAudienceIsClosedAndSaysWhatToSet() {
        try (FakeJwks issuer = FakeJwks.start(); TestHub hub = TestHub.start(Map.of("hub.ims.auth.mode", "jwt",
                "hub.ims.auth.jwt.jwks-url", issuer.url()))) {
            HttpResponse<String> response = ping(hub, "Authorization", "Bearer " + issuer.token());
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("hub.ims.auth.jwt.issuer").contains("hub.ims.auth.jwt.audience");
        }
    }

    @Test
    void aMessageWithAValidJwtIsStoredAndOneWithAnExpiredJwtIsNot() {
        try (FakeJwks issuer = FakeJwks.start(); TestHub hub = TestHub.start(jwtProps("hub.ims.auth.jwt.jwks-url",
                issuer.url()))) {
            String messageId = ImsMultipart.newMessageId();
            byte[] body = ImsMultipart.body(ImsMultipart.parameters("SyncSalesOrder", messageId, "NONE"),
                    ImsMultipart.fixture("SyncSalesOrder.xml").getBytes(StandardCharsets.UTF_8), false);
            HttpResponse<String> accepted = hub.send(message(hub, body, "Bearer " + issuer.token()));
            assertThat(accepted.statusCode()).isEqualTo(202);

            String expired = FakeJwks.sign(issuer.currentKey(), FakeJwks.claims(FakeJwks.ISSUER, FakeJwks.AUDIENCE,
                    Instant.now().minusSeconds(600)));
            byte[] second = ImsMultipart.body(ImsMultipart.parameters("SyncSalesOrder", ImsMultipart.newMessageId(),
                    "NONE"), ImsMultipart.fixture("SyncSalesOrder.xml").getBytes(StandardCharsets.UTF_8), false);
            assertThat(hub.send(message(hub, second, "Bearer " + expired)).statusCode()).isEqualTo(401);
        }
    }

    private static Map<String, String> jwtProps(String keySetting, String value) {
        Map<String, String> props = new HashMap<>();
        props.put("hub.ims.auth.mode", "jwt");
        props.put(keySetting, value);
        props.put("hub.ims.auth.jwt.issuer", FakeJwks.ISSUER);
        props.put("hub.ims.auth.jwt.audience", FakeJwks.AUDIENCE);
        props.put("hub.ims.auth.jwt.jwks-refresh-min-interval", "0");
        return props;
    }

    private static void assertRefused(TestHub hub, String token, String reason) {
        HttpResponse<String> response = ping(hub, "Authorization", "Bearer " + token);
        assertThat(response.statusCode()).as("token %s", token).isEqualTo(401);
        assertThat(response.body()).contains("\"error\":\"unauthorized\"").doesNotContain(token);
        if (reason != null) {
            assertThat(response.body()).contains(reason);
        }
    }

    private static HttpRequest message(TestHub hub, byte[] body, String authorization) {
        return HttpRequest.newBuilder(URI.create(hub.url("/ims/service/v3/multipartMessage")))
                .header("Content-Type", "multipart/form-data; boundary=" + ImsMultipart.BOUNDARY)
                .header("X-TenantId", "ACME_TST")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static HttpResponse<String> ping(TestHub hub, String header, String value) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url(PING))).GET();
        if (header != null) {
            request.header(header, value);
        }
        return hub.send(request.build());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
