package io.switchboard.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * One hub instance: the real fat jar as a child process on a loopback port, configured through the
 * environment. It can be killed (-9), stopped (SIGTERM) and started again on the same database.
 */
final class HubJar {

    // generous: on a shared CI machine a JVM start can take minutes
    private static final Duration START_TIMEOUT = Duration.ofSeconds(
            Long.parseLong(System.getenv().getOrDefault("RELIABILITY_START_TIMEOUT_SECONDS", "300")));

    private final Path jar;
    private final Path workDir;
    private final String name;
    private final Map<String, String> environment;
    private final int port;
    private Process process;
    private int starts;

    HubJar(Path jar, Path workDir, String name, Map<String, String> environment) throws IOException {
        this.jar = jar;
        this.workDir = workDir;
        this.name = name;
        this.environment = new HashMap<>(environment);
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
    }

    String name() {
        return name;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Starts the jar and waits until /observe/health answers 200. */
    void start() throws IOException {
        starts++;
        Path log = workDir.resolve(name + "-" + starts + ".log");
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toAbsolutePath().toString()))
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(environment);
        pb.environment().put("CAMEL_SERVER_PORT", String.valueOf(port));
        pb.environment().put("CAMEL_SERVER_HOST", "127.0.0.1");
        process = pb.start();
        Process started = process;
        // if the driver dies, the hub must not outlive it
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url("/observe/health"))).timeout(Duration.ofSeconds(5))
                .build();
        try {
            awaitHealthy(started, http, health, log);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            threadDump(started, workDir.resolve(name + "-" + starts + ".threads"));
            throw new IllegalStateException(name + " not healthy within " + START_TIMEOUT + "; see " + log);
        }
    }

    private void awaitHealthy(Process started, HttpClient http, HttpRequest health, Path log) {
        Awaitility.await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!started.isAlive()) {
                throw new IllegalStateException(name + " exited with " + started.exitValue() + "; see " + log);
            }
            try {
                return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    // what a hub that does not come up is waiting for
    private static void threadDump(Process hub, Path file) {
        try {
            new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(hub.pid()), "Thread.print").redirectOutput(file.toFile()).start()
                    .waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            System.out.println("event=thread-dump-failed reason=\"" + e.getMessage() + "\"");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** kill -9: no shutdown hook, no flush, in-flight requests cut. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
    }

    /** SIGTERM; returns how long the graceful stop took, forcing it after limit. */
    Duration terminate(Duration limit) throws InterruptedException {
        long t0 = System.nanoTime();
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** Every log line this instance wrote, over all its starts. */
    List<Path> logs() {
        List<Path> logs = new java.util.ArrayList<>();
        for (int i = 1; i <= starts; i++) {
            logs.add(workDir.resolve(name + "-" + i + ".log"));
        }
        return logs;
    }
}
