package io.switchboard.chat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
