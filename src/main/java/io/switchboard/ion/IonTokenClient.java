package io.switchboard.ion;

import io.switchboard.HubJson;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.Secret;

/**
 * OAuth2 password grant at pu + ot: client ci/cs, username saak, password sask (ION API backend service), over
 * camel-http; the secrets travel only in the form body, never in the endpoint URI.
 */
public class IonTokenClient {

    private static final ObjectMapper JSON = HubJson.mapper();

    private final IonHttp http;

    public IonTokenClient(IonHttp http) {
        this.http = http;
    }

    public IonAccessToken fetch(IonCredentials credentials) {
        String form = Map.of("grant_type", "password",
                        "client_id", credentials.clientId(),
                        "client_secret", credentials.clientSecret().reveal(),
                        "username", credentials.serviceAccountAccessKey(),
                        "password", credentials.serviceAccountSecretKey().reveal())
                .entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        IonHttp.Response response = http.call("POST", credentials.tokenUrl(), null,
                Map.of(org.apache.camel.Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded",
                        "Accept", "application/json"), form, "token endpoint");
        int status = response.status();
        if (status == 400 || status == 401 || status == 403) {
            // invalid_grant / invalid_client: the credentials themselves are refused
            throw new IonAuthFailed(status, "token endpoint refused the credentials (HTTP " + status + "): "
                    + IonAuthFailed.CREDENTIALS);
        }
        if (status / 100 != 2) {
            throw new IonUnavailable(status, "token endpoint answered HTTP " + status);
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            String token = body.path("access_token").asText("");
            if (token.isBlank()) {
                throw new IonUnavailable(status, "token endpoint answered without access_token");
            }
            long expiresIn = body.path("expires_in").asLong(3600);
            // refresh when 90% of the lifetime is used, and at least 30 s early
            long early = Math.max(30, expiresIn / 10);
            Instant refreshAt = Instant.now().plusSeconds(Math.max(0, expiresIn - early));
            return new IonAccessToken(Secret.of(token), refreshAt);
        } catch (IOException e) {
            throw new IonUnavailable(status, "token endpoint answered no JSON");
        }
    }
}
