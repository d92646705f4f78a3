package io.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.chat.FakeI2a;
import io.switchboard.ion.FakeIon;
import org.junit.jupiter.api.Test;

/**
 * The real fat jar, started as an operator would, configured only through environment variables: every
 * kind of documented override (camel.server.port, hub.db.url, secrets, peer URLs) must reach the hub.
 */
class JarRunsIT {

    private static final String PUSHOVER_TOKEN = "azGDORePK8gMaC0QOYAMyEEuzJnyUi";

    @Test
    void jarStartsFromEnvironmentAndServesHealth() throws Exception {
        Path workDir = TestHub.tempDir();
        int port = TestHub.freePort();
        Map<String, String> env = Map.of(
                "CAMEL_SERVER_PORT", String.valueOf(port),
                "HUB_DB_URL", "jdbc:h2:file:" + workDir.resolve("db/hub") + ";WRITE_DELAY=0",
                "HUB_PUSHOVER_TOKEN", PUSHOVER_TOKEN);
        try (RunningJar jar = RunningJar.start(workDir, env, port)) {
            assertThat(Files.exists(workDir.resolve("db/hub.mv.db"))).as("H2 file from HUB_DB_URL").isTrue();
            assertThat(jar.output()).contains("event=started http=http://0.0.0.0:" + port)
                    .contains("ion=disabled(hub.ion.credentials-file not set)")
                    .contains("pushover=disabled(hub.pushover.token/user not set)")
                    .doesNotContain(PUSHOVER_TOKEN);
        }
    }

    @Test
    void secretsAndPeerSettingsFromTheEnvironmentReachTheHub() throws Exception {
        Path workDir = TestHub.tempDir();
        int port = TestHub.freePort();
        try (FakeIon ion = FakeIon.start(); FakeI2a i2a = FakeI2a.start("env-i2a-secret")) {
            // the .ionapi's iu points at a closed port: only HUB_ION_BASE_URL can reach the fake ION
            Path ionapi = ion.writeIonapi(workDir, "http://127.0.0.1:" + TestHub.freePort());
            Map<String, String> env = Map.ofEntries(
                    Map.entry("CAMEL_SERVER_PORT", String.valueOf(port)),
                    Map.entry("CAMEL_MAIN_NAME", "switchboard-from-env"),
                    Map.entry("HUB_DB_URL", "jdbc:h2:file:" + workDir.resolve("db/hub") + ";WRITE_DELAY=0"),
                    Map.entry("HUB_API_KEY", "env-api-key"),
                    Map.entry("HUB_IMS_AUTH_USER", "ion-gateway"),
                    Map.entry("HUB_IMS_AUTH_PASSWORD", "env-ims-secret"),
                    Map.entry("HUB_ION_CREDENTIALS_FILE", ionapi.toString()),
                    Map.entry("HUB_ION_BASE_URL", ion.url() + "/" + FakeIon.TENANT + "/IONSERVICES/api/ion/messaging"),
                    Map.entry("HUB_I2A_URL", i2a.url()),
                    Map.entry("HUB_I2A_APP_SECRET", "env-i2a-secret"));
            try (RunningJar jar = RunningJar.start(workDir, env, port)) {
                assertThat(jar.get("/api/admin/dead-letters", Map.of()).statusCode()).isEqualTo(401);
                assertThat(jar.get("/api/admin/dead-letters", Map.of("X-API-Key", "env-api-key")).statusCode())
                        .as("HUB_API_KEY").isEqualTo(200);
                assertThat(jar.get("/ims/service/ping", Map.of("Authorization", basic("ion-gateway", "env-ims-secret")))
                        .statusCode()).as("HUB_IMS_AUTH_USER/PASSWORD").isEqualTo(200);
                assertThat(jar.get("/ims/service/ping", Map.of("Authorization", basic("ion-gateway", "wrong")))
                        .statusCode()).isEqualTo(401);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(ion.calls(FakeIon.VERSIONS)).as("HUB_ION_BASE_URL").isPositive());
                assertThat(jar.output()).contains("i2a=enabled").contains("ion=enabled")
                        .contains("Apache Camel 4.18.0 (switchboard-from-env)")
                        .doesNotContain("env-ims-secret").doesNotContain("env-i2a-secret")
                        .doesNotContain("env-api-key");
            }
        }
    }

    /**
     * Healthy must mean the hub takes messages: the IMS message sent right after the first 200 of
     * /observe/health (polled every 10 ms from the process start) is acknowledged, stored and dispatched.
     */
    @Test
    void firstHealthyAnswerMeansImsIntakeAndStoreAreUp() throws Exception {
        Path workDir = TestHub.tempDir();
        int port = TestHub.freePort();
        Map<String, String> env = Map.of(
                "CAMEL_SERVER_PORT", String.valueOf(port),
                "HUB_DB_URL", "jdbc:h2:file:" + workDir.resolve("db/hub") + ";WRITE_DELAY=0",
                "HUB_API_KEY", "first-health-key",
                "HUB_IMS_AUTH_USER", "ion-gateway",
                "HUB_IMS_AUTH_PASSWORD", "first-health-secret");
        String bod = Files.readString(Path.of("src/test/resources/ion/SyncSalesOrder.xml"));
        try (RunningJar jar = RunningJar.start(workDir, env, port)) {
            HttpResponse<String> answer = jar.http().send(imsPost(port, "first-after-healthy", bod),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            assertThat(jar.get("/api/admin/messages/first-after-healthy", Map.of("X-API-Key", "first-health-key"))
                    .statusCode()).as("stored").isEqualTo(200);
            var checks = new ObjectMapper().readTree(jar.get("/observe/health", Map.of()).body()).path("checks");
            assertThat(checks.findValuesAsText("name")).contains("startup");
        }
    }

    private static HttpRequest imsPost(int port, String messageId, String bod) {
        String boundary = "ionBoundary7MA4YWxkTrZu0gW";
        String parameters = "{\"documentName\":\"SyncSalesOrder\",\"messageId\":\"" + messageId + "\","
                + "\"fromLogicalId\":\"lid://infor.ims.acme_ion\",\"toLogicalId\":\"lid://infor.ims.switchboard\","
                + "\"encoding\":\"NONE\",\"characterSet\":\"UTF-8\"}";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data;name=\"ParameterRequest\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + parameters + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data;name=\"MessagePayload\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + bod + "\r\n--" + boundary + "--\r\n";
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ims/service/v3/multipartMessage"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", basic("ion-gateway", "first-health-secret"))
                .header("X-TenantId", "ACME_TST")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The jar as a child process in its own working directory, its output in hub.log. */
    private record RunningJar(Process process, Path log, int port, HttpClient http) implements AutoCloseable {

        static RunningJar start(Path workDir, Map<String, String> env, int port) throws IOException {
            Path log = workDir.resolve("hub.log");
            ProcessBuilder pb = new ProcessBuilder(List.of(javaBin(), "-jar", System.getProperty("switchboard.jar")))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(env);
            RunningJar jar = new RunningJar(pb.start(), log, port, HttpClient.newHttpClient());
            // polled often: the first 200 is what an orchestrator acts on
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(10)).ignoreExceptions()
                    .until(() -> jar.get("/observe/health", Map.of()).statusCode() == 200);
            return jar;
        }

        HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
            headers.forEach(request::header);
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        String output() throws IOException {
            return Files.readString(log);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }

        private static String javaBin() {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
    }
}
