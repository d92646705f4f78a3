package io.switchboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The whole hub, started in this JVM as `make run` starts it, on a free port and its own H2 file.
 * Tests talk to it over real HTTP.
 */
public final class TestHub implements AutoCloseable {

    private final Main main;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestHub(Main main, int port) {
        this.main = main;
        this.port = port;
    }

    /** Starts a hub on a fresh H2 database; overrides win over application.properties. */
    public static TestHub start(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>();
        int port = freePort();
        all.put("camel.server.port", String.valueOf(port));
        all.put("hub.db.url", "jdbc:h2:file:" + tempDir().resolve("switchboard") + ";WRITE_DELAY=0");
        // tests load routes from the working tree, as make run does
        all.put("camel.main.routes-include-pattern", "file:routes/*.camel.yaml");
        all.putAll(overrides);
        port = Integer.parseInt(all.get("camel.server.port"));
        Main main = Switchboard.create(all);
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("hub did not start", e);
        }
        return new TestHub(main, port);
    }

    public static TestHub start() {
        return start(Map.of());
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public <T> T bean(String name, Class<T> type) {
        return context().getRegistry().lookupByNameAndType(name, type);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            throw new IllegalStateException("hub did not stop", e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path tempDir() {
        try {
            return Files.createTempDirectory("switchboard-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
