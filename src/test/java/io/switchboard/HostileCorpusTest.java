package io.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.store.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fires every request of src/test/resources/hostile/*.http at a running hub and checks the status,
 * the error shape, that no secret comes back, that the hub stays healthy and that nothing was stored.
 * The corpus grows as data (see its README.md), this test does not change.
 */
class HostileCorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/hostile");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REPEAT = Pattern.compile("\\{\\{REPEAT:(.*?):(\\d+)}}");
    private static final String IMS_USER = "corpus-gateway";
    private static final Map<String, String> SECRETS = Map.of(
            "hub.api.key", "corpus-api-key-6d21",
            "hub.ims.auth.password", "corpus-ims-password-90af",
            "hub.i2a.app-secret", "corpus-i2a-secret-c3b8",
            "hub.pushover.token", "corpus-pushover-token-4e17");
    private static final List<String> STORE_TABLES = List.of("message", "directory_user", "dead_letter",
            "chat_room");

    private static TestHub hub;
    private static int port;

    @BeforeAll
    static void start() {
        Map<String, String> config = new java.util.HashMap<>(SECRETS);
        config.putAll(Map.of("hub.ims.auth.mode", "basic", "hub.ims.auth.user", IMS_USER,
                "hub.ims.max-message-bytes", "1048576", "camel.server.max-body-size", "65536",
                "hub.acrobits.cloud-id", "ACME", "hub.i2a.url", "http://127.0.0.1:9/",
                "hub.pushover.url", "http://127.0.0.1:9/1/messages.json", "hub.pushover.user", "corpus-user"));
        hub = TestHub.start(config);
        port = Integer.parseInt(hub.url("").replaceAll(".*:", ""));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    static Stream<String> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".http")).sorted().toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void hostileRequestIsRefusedCleanly(String file) throws Exception {
        String text = Files.readString(CORPUS.resolve(file), StandardCharsets.UTF_8);
        String expect = meta(text, "expect");
        String request = text.lines().filter(l -> !l.startsWith("#")).reduce((a, b) -> a + "\r\n" + b).orElseThrow();
        request = expand(request);
        int split = request.indexOf("\r\n\r\n");
        String head = (split < 0 ? request : request.substring(0, split)).stripTrailing();
        byte[] body = split < 0 ? new byte[0] : request.substring(split + 4).getBytes(StandardCharsets.UTF_8);
        String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
        Map<String, Long> before = counts();

        RawHttp.Answer answer = RawHttp.send(port, head, body, 20_000);

        if (expect.endsWith("xx")) {
            assertThat(answer.status() / 100).as(file + " status " + answer.status())
                    .isEqualTo(expect.charAt(0) - '0');
        } else {
            assertThat(answer.status()).as(file).isEqualTo(Integer.parseInt(expect));
        }
        if (answer.status() >= 400) {
            if (path.startsWith("/acrobits/")) {
                assertThat(answer.header("Content-Type")).as(file).startsWith("application/xml");
                assertThat(HardenedXml.parse(answer.body()).getDocumentElement().getElementsByTagName("message")
                        .getLength()).as(file + " " + answer.body()).isEqualTo(1);
            } else {
                assertThat(answer.header("Content-Type")).as(file).startsWith("application/json");
                JsonNode error = JSON.readTree(answer.body());
                assertThat(error.path("error").isTextual() && error.path("message").isTextual())
                        .as(file + " " + answer.body()).isTrue();
            }
        }
        String whole = answer.headers() + "\n" + answer.body();
        SECRETS.forEach((key, value) -> assertThat(whole).as(file + " shows " + key).doesNotContain(value));
        assertThat(whole).as(file).doesNotContain("\tat ", "Exception");
        assertThat(hub.get("/observe/health").statusCode()).as(file + ": hub healthy after").isEqualTo(200);
        assertThat(counts()).as(file + ": nothing stored").isEqualTo(before);
    }

    private static Map<String, Long> counts() {
        Database db = hub.bean("database", Database.class);
        Map<String, Long> counts = new java.util.TreeMap<>();
        STORE_TABLES.forEach(table -> counts.put(table, db.count("SELECT COUNT(*) FROM " + table)));
        return counts;
    }

    private static String meta(String text, String key) {
        return text.lines().filter(l -> l.startsWith("# " + key + ":")).map(l -> l.substring(key.length() + 3).trim())
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no # " + key + ": line"));
    }

    private static String expand(String request) {
        Matcher m = REPEAT.matcher(request);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).repeat(Integer.parseInt(m.group(2)))));
        }
        m.appendTail(out);
        String ims = "Basic " + Base64.getEncoder().encodeToString((IMS_USER + ":" + SECRETS.get("hub.ims.auth.password"))
                .getBytes(StandardCharsets.UTF_8));
        return out.toString().replace("{{IMS_AUTH}}", ims).replace("{{API_KEY}}", SECRETS.get("hub.api.key"))
                .replace("{{CR}}", "\r").replace("{{LF}}", "\n").replace("{{NUL}}", "\u0000");
    }
}
