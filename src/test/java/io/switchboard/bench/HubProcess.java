package io.switchboard.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** The real fat jar as a child process on a free loopback port, configured through environment variables. */
final class HubProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final Path log;

    private HubProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static HubProcess start(Path jar, Path workDir, Map<String, String> environment) throws IOException,
            InterruptedException {
        int port = freePort();
        Path log = workDir.resolve("hub.log");
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toAbsolutePath().toString()))
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(environment);
        pb.environment().put("CAMEL_SERVER_PORT", String.valueOf(port));
        pb.environment().put("CAMEL_SERVER_HOST", "127.0.0.1");
        Process process = pb.start();
        // if the driver dies (Ctrl-C, kill), the hub must not outlive it
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }));
        HubProcess hub = new HubProcess(process, port, log);
        hub.awaitHealthy();
        return hub;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    Path log() {
        return log;
    }

    private void awaitHealthy() throws InterruptedException, IOException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url("/observe/health")))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            Awaitility.await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> healthy(http, health));
        } catch (ConditionTimeoutException e) {
            close();
            throw new IllegalStateException("hub not healthy within " + START_TIMEOUT + "; see " + log);
        }
    }

    private boolean healthy(HttpClient http, HttpRequest health) throws InterruptedException {
        if (!process.isAlive()) {
            throw new IllegalStateException("hub exited with " + process.exitValue() + "; see " + log);
        }
        try {
            return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false; // not listening yet
        }
    }

    /** Graceful stop (SIGTERM: in-flight work finishes, the store closes), forced after 60 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
