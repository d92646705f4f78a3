package io.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The real fat jar, started as an operator would, configured only through environment variables. */
class JarRunsIT {

    @Test
    void jarStartsFromEnvironmentAndServesHealth() throws Exception {
        Path workDir = TestHub.tempDir();
        Path log = workDir.resolve("hub.log");
        int port = TestHub.freePort();
        ProcessBuilder pb = new ProcessBuilder(List.of(javaBin(), "-jar", System.getProperty("switchboard.jar")))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("CAMEL_SERVER_PORT", String.valueOf(port));
        pb.environment().put("HUB_DB_URL", "jdbc:h2:file:" + workDir.resolve("db/hub") + ";WRITE_DELAY=0");
        pb.environment().put("HUB_PUSHOVER_TOKEN", "azGDORePK8gMaC0QOYAMyEEuzJnyUi");
        Process process = pb.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health"))
                    .build();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);

            assertThat(Files.exists(workDir.resolve("db/hub.mv.db"))).as("H2 file from HUB_DB_URL").isTrue();
            String output = Files.readString(log);
            assertThat(output).contains("event=started http=http://0.0.0.0:" + port)
                    .contains("ion=disabled(hub.ion.credentials-file not set)")
                    .contains("pushover=disabled(hub.pushover.token/user not set)")
                    .doesNotContain("azGDORePK8gMaC0QOYAMyEEuzJnyUi");
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private static String javaBin() throws IOException {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
