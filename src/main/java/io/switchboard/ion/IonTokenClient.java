package io.switchboard.ion;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.Secret;

/** OAuth2 password grant at pu + ot: client ci/cs, username saak, password sask (ION API backend service). */
public class IonTokenClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;

    public IonTokenClient(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(credentials.tokenUrl()))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IonUnavailable(0, "token endpoint unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IonUnavailable(0, "interrupted");
        }
        int status = response.statusCode();
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
