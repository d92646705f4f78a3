package io.switchboard.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The real fat jar (or the ceiling server) as a child process on a free loopback port, configured
 * through environment variables; its CPU time and RSS are read from /proc.
 */
final class HubProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;
    private final int port;
    private final Path log;

    private long healthyAfterMillis;
    private long healthyCpuMillis;

    private HubProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static HubProcess start(BenchSettings settings, Path workDir, Map<String, String> environment)
            throws IOException, InterruptedException {
        return start(hubCommand(settings, null), workDir, environment, "hub.log");
    }

    /**
     * The hub, started once its HTTP port answers /observe/health/live (no database query); with jfr (not null)
     * a JFR recording (profile settings) is written there when it stops.
     */
    static HubProcess startListening(BenchSettings settings, Path workDir, Map<String, String> environment, Path jfr)
            throws IOException, InterruptedException {
        return start(hubCommand(settings, jfr), workDir, environment, "hub.log", "/observe/health/live");
    }

    /** The hub with a JFR recording (profile settings) written to jfr when it stops. */
    static HubProcess startRecording(BenchSettings settings, Path workDir, Map<String, String> environment, Path jfr)
            throws IOException, InterruptedException {
        return start(hubCommand(settings, jfr), workDir, environment, "hub.log");
    }

    /** java, the JVM options `make run` uses (BENCH_HUB_JAVA_OPTS), the optional recording, -jar the jar. */
    private static List<String> hubCommand(BenchSettings settings, Path jfr) {
        List<String> command = new java.util.ArrayList<>();
        command.add(java());
        command.addAll(settings.hubJavaOptions());
        if (jfr != null) {
            command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfr.toAbsolutePath());
        }
        command.add("-jar");
        command.add(settings.jar().toAbsolutePath().toString());
        return command;
    }

    /** The bare ceiling server (CeilingServer) on the driver's own classpath. */
    static HubProcess startCeiling(Path workDir, Map<String, String> environment) throws IOException,
            InterruptedException {
        String classpath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        return start(List.of(java(), "-cp", classpath, CeilingServer.class.getName()),
                workDir, environment, "ceiling.log");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static HubProcess start(List<String> command, Path workDir, Map<String, String> environment,
            String logName) throws IOException, InterruptedException {
        return start(command, workDir, environment, logName, "/observe/health");
    }

    private static HubProcess start(List<String> command, Path workDir, Map<String, String> environment,
            String logName, String healthPath) throws IOException, InterruptedException {
        int port = freePort();
        Path log = workDir.resolve(logName);
        long started = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(command)
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
        hub.awaitHealthy(healthPath);
        hub.healthyAfterMillis = (System.nanoTime() - started) / 1_000_000;
        hub.healthyCpuMillis = hub.cpuMillis();
        return hub;
    }

    int port() {
        return port;
    }

    /** From process start to the first 200 of /observe/health. */
    long healthyAfterMillis() {
        return healthyAfterMillis;
    }

    /** CPU time (all threads, JIT compilers included) from process start to the first 200 of /observe/health. */
    long healthyCpuMillis() {
        return healthyCpuMillis;
    }

    /** User + system CPU time the process has used so far (/proc/PID/stat, 100 ticks/s). */
    long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // utime, stime
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Resident set size in bytes (/proc/PID/status VmRSS), -1 when unknown. */
    long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    Path log() {
        return log;
    }

    private void awaitHealthy(String healthPath) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url(healthPath)))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            // 20 ms polls: a start is timed to within a poll, and a refused connection costs nothing
            Awaitility.await().atMost(START_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
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
