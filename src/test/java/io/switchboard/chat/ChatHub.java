package io.switchboard.chat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import io.switchboard.TestHub;
import io.switchboard.store.Database;

/** A whole test hub wired to a FakeI2a, with an API key and fast redelivery; reusable by any test. */
public final class ChatHub {

    public static final String SECRET = "s3cr3t-app-secret";
    public static final String API_KEY = "test-api-key";

    private ChatHub() {
    }

    public static TestHub start(FakeI2a i2a, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>();
        props.put("hub.i2a.url", i2a.url());
        props.put("hub.i2a.app-secret", SECRET);
        props.put("hub.api.key", API_KEY);
        props.put("hub.i2a.response-timeout", "1000");
        props.put("hub.redelivery.chat.maximum-redeliveries", "3");
        props.put("hub.redelivery.chat.initial-delay", "20");
        props.put("hub.redelivery.chat.maximum-delay", "100");
        // sign-in checks stay real, just cheaper than production's 310 000 PBKDF2 rounds
        props.put("hub.acrobits.password-iterations", "1000");
        props.putAll(extra);
        return TestHub.start(props);
    }

    /** Adds active directory users, as the directory import would. */
    public static void addDirectoryUsers(TestHub hub, String... usernames) {
        Database database = hub.bean("database", Database.class);
        for (String username : usernames) {
            database.update("INSERT INTO directory_user (username, display_name) VALUES (?, ?)", username, username);
        }
    }

    /** Creates or replaces a directory user through the admin API (password hashed like production). */
    public static void putUser(TestHub hub, String username, String json) {
        var response = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/directory/users/" + username)))
                .header("X-API-Key", API_KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("user " + username + " not saved: " + response.body());
        }
    }

    /** A directory user with a password, so they can sign in to chat. */
    public static void addSignInUser(TestHub hub, String username, String password) {
        putUser(hub, username, "{\"displayName\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    /** A call as an app user with HTTP basic directory credentials (body null = no body). */
    public static HttpResponse<String> asUser(TestHub hub, String user, String password, String method, String path,
                                              String json) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url(path))).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /** A call with a bearer token. */
    public static HttpResponse<String> withBearer(TestHub hub, String token, String method, String path, String json) {
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url(path))).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    public static HttpResponse<String> post(TestHub hub, String path, String json) {
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url(path)))
                .header("X-API-Key", API_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public static HttpResponse<String> get(TestHub hub, String path) {
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url(path))).header("X-API-Key", API_KEY).GET().build());
    }

    public static HttpResponse<String> delete(TestHub hub, String path) {
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url(path))).header("X-API-Key", API_KEY).DELETE().build());
    }
}
