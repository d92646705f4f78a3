package io.switchboard.acrobits;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.switchboard.TestHub;

/** Calls the hub the way the Acrobits SSO server, the app and an operator do; reusable by end-to-end tests. */
public final class AcrobitsClient {

    public static final String API_KEY = "test-api-key";

    private final TestHub hub;

    public AcrobitsClient(TestHub hub) {
        this.hub = hub;
    }

    public HttpResponse<String> getQuery(String path, Map<String, String> params, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub.url(path) + "?" + form(params))).GET();
        return hub.send(withHeaders(b, headers).build());
    }

    public HttpResponse<String> postForm(String path, Map<String, String> params, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params)));
        return hub.send(withHeaders(b, headers).build());
    }

    public HttpResponse<String> postJson(String path, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub.url(path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return hub.send(withHeaders(b, headers).build());
    }

    public HttpResponse<String> getBasic(String path, String user, String password, String query, String... headers) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub.url(path) + (query.isEmpty() ? "" : "?" + query)))
                .header("Authorization", "Basic " + basic).GET();
        return hub.send(withHeaders(b, headers).build());
    }

    /** PUT /api/directory/users/{username} with the API key. */
    public HttpResponse<String> putUser(String username, String json) {
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/directory/users/" + username)))
                .header("X-API-Key", API_KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> admin(String method, String path, String body) {
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url(path))).header("X-API-Key", API_KEY)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public static Map<String, String> params(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder b, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }
}
