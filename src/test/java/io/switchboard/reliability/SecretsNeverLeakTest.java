package io.switchboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.switchboard.TestHub;
import io.switchboard.alert.AlertHeaders;
import io.switchboard.alert.FakePushover;
import io.switchboard.chat.FakeI2a;
import io.switchboard.ion.FakeIon;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every configured secret value, against everything the hub shows while it works and fails: each log
 * line as the configured encoder writes it, every attribute of the Switchboard and Camel MBeans, and
 * every HTTP answer. One occurrence anywhere fails the test.
 */
class SecretsNeverLeakTest {

    private static final String IMS_PASSWORD = "ims-gateway-pw-8Xq2";
    private static final String API_KEY = "api-key-7Hk3Lm9";
    private static final String I2A_SECRET = "i2a-app-secret-Zt4Wq";
    private static final String SHARED_SECRET = "acrobits-shared-Pp5Rt";
    private static final String DB_PASSWORD = "db-password-Jd8Vn";
    private static final String ION_CLIENT_SECRET = "client-secret-not-real";
    private static final String ION_SERVICE_KEY = "exampleServiceAccountSecretKey-not-real";

    @Test
    void noSecretValueAppearsInLogsJmxOrHttpAnswers() throws Exception {
        List<String> secrets = List.of(IMS_PASSWORD, API_KEY, I2A_SECRET, SHARED_SECRET, DB_PASSWORD,
                ION_CLIENT_SECRET, ION_SERVICE_KEY, FakePushover.TOKEN, FakePushover.USER);
        List<String> lines = new CopyOnWriteArrayList<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        AppenderBase<ILoggingEvent> capture = encodedLines(root, lines);
        List<String> answers = new ArrayList<>();
        try (FakeIon ion = FakeIon.start(); FakeI2a i2a = FakeI2a.start(I2A_SECRET);
                FakePushover pushover = FakePushover.start()) {
            ion.acceptedDocuments("[{\"documentName\":\"SyncSecretProbe\"}]");
            Map<String, String> props = new HashMap<>();
            props.put("hub.ims.auth.user", ImsPost.USER);
            props.put("hub.ims.auth.password", IMS_PASSWORD);
            props.put("hub.api.key", API_KEY);
            props.put("hub.db.password", DB_PASSWORD);
            props.put("hub.ion.credentials-file", ion.writeIonapi(TestHub.tempDir()).toString());
            props.put("hub.ion.logical-id", "lid://infor.ims.switchboard");
            props.put("hub.ion.poll-interval", "20");
            props.put("hub.i2a.url", i2a.url());
            props.put("hub.i2a.app-secret", I2A_SECRET);
            props.put("hub.pushover.url", pushover.url());
            props.put("hub.pushover.token", FakePushover.TOKEN);
            props.put("hub.pushover.user", FakePushover.USER);
            props.put("hub.pushover.poll-interval", "50");
            props.put("hub.acrobits.cloud-id", "ACME");
            props.put("hub.acrobits.shared-secret", SHARED_SECRET);
            props.put("hub.acrobits.password-iterations", "1000");
            try (TestHub hub = TestHub.start(props)) {
                exercise(hub, ion, i2a, pushover, answers);
                List<String> jmx = jmxValues();
                assertThat(jmx).as("JMX attributes read").hasSizeGreaterThan(100);
                assertThat(lines).as("log lines written").hasSizeGreaterThan(50);
                assertThat(leaks(secrets, lines)).as("log lines with a secret").isEmpty();
                assertThat(leaks(secrets, jmx)).as("JMX attributes with a secret").isEmpty();
                assertThat(leaks(secrets, answers)).as("HTTP answers with a secret").isEmpty();
            }
        } finally {
            root.detachAppender(capture);
        }
    }

    /** Works every surface, the failing paths included. */
    private static void exercise(TestHub hub, FakeIon ion, FakeI2a i2a, FakePushover pushover, List<String> answers)
            throws Exception {
        String bod = Files.readString(Path.of("src/test/resources/ion/SyncSalesOrder.xml"));
        answers.add(text(hub.send(ImsPost.request(hub.url(""), "SyncSalesOrder", "secret-1", bod))));
        HttpRequest wrongPassword = HttpRequest.newBuilder(URI.create(hub.url("/ims/service/v3/multipartMessage")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (ImsPost.USER + ":" + IMS_PASSWORD + "x").getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build();
        answers.add(text(hub.send(wrongPassword)));
        for (String path : List.of("/observe/health", "/observe/metrics", "/api/admin/dead-letters",
                "/api/admin/messages/secret-1", "/no/such/path")) {
            answers.add(text(hub.send(HttpRequest.newBuilder(URI.create(hub.url(path)))
                    .header("X-API-Key", API_KEY).GET().build())));
        }
        answers.add(text(hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/directory/users/john.doe")))
                .header("X-API-Key", API_KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"cloudUsername\":\"john.doe\",\"password\":\"pw-john-1\"}"))
                .build())));
        answers.add(text(hub.send(HttpRequest.newBuilder(URI.create(hub.url(
                "/acrobits/auth?username=john.doe&password=wrong&cloud_id=ACME&secret=" + SHARED_SECRET))).GET().build())));
        answers.add(text(hub.send(HttpRequest.newBuilder(URI.create(hub.url(
                "/acrobits/auth?username=john.doe&password=pw-john-1&cloud_id=ACME"))).GET().build())));
        // I2A refuses, then accepts; Pushover rejects one alert (dead letter) and takes the next
        i2a.failNext("chat-room/", 1, 500, "{\"detail\":\"boom\"}");
        for (int i = 0; i < 2; i++) {
            answers.add(text(hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/chat/rooms")))
                    .header("X-API-Key", API_KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"S-1\",\"members\":[\"john.doe\"]}")).build())));
        }
        answers.add(text(hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/chat/sessions")))
                .header("X-API-Key", API_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"john.doe\",\"device\":\"d1\"}")).build())));
        pushover.failWith(400);
        hub.context().createProducerTemplate().sendBodyAndHeader(AlertHeaders.ENDPOINT, "rejected", AlertHeaders.DEDUP_KEY,
                "secret.test.1");
        await().atMost(Duration.ofSeconds(20)).until(() -> !pushover.received().isEmpty());
        pushover.succeed();
        hub.context().createProducerTemplate().sendBodyAndHeader(AlertHeaders.ENDPOINT, "accepted", AlertHeaders.DEDUP_KEY,
                "secret.test.2");
        await().atMost(Duration.ofSeconds(20)).until(() -> !pushover.accepted().isEmpty());
        // ION: a 401 (token refresh) and a 400 (dead letter), then a BOD that goes out
        ion.script(FakeIon.MESSAGE, 401, 400);
        for (int i = 0; i < 2; i++) {
            answers.add(text(hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/ion/outbox")))
                    .header("X-API-Key", API_KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"documentName\":\"SyncSecretProbe\","
                            + "\"toLogicalId\":\"lid://x\",\"payload\":\"<SyncSecretProbe/>\"}")).build())));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !ion.received().isEmpty());
        answers.add(text(hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/admin/dead-letters")))
                .header("X-API-Key", API_KEY).GET().build())));
    }

    private static List<String> jmxValues() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        List<String> values = new ArrayList<>();
        for (String domain : List.of("Switchboard", "org.apache.camel")) {
            for (ObjectName name : server.queryNames(new ObjectName(domain + ":*"), null)) {
                values.add(name.toString());
                for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                    try {
                        values.add(name + " " + attribute.getName() + "=" + server.getAttribute(name, attribute.getName()));
                    } catch (Exception | LinkageError unreadable) {
                        // an attribute that cannot be read shows nothing either
                    }
                }
            }
        }
        return values;
    }

    private static List<String> leaks(List<String> secrets, List<String> texts) {
        return texts.stream().filter(t -> SecretScan.leaked(secrets, t)).toList();
    }

    private static String text(HttpResponse<String> response) {
        return response.statusCode() + " " + response.headers().map() + " " + response.body();
    }

    /** Captures each event as the configured STDOUT encoder writes it (masking included). */
    @SuppressWarnings("unchecked")
    private static AppenderBase<ILoggingEvent> encodedLines(Logger root, List<String> lines) {
        Encoder<ILoggingEvent> encoder = ((OutputStreamAppender<ILoggingEvent>) root.getAppender("STDOUT")).getEncoder();
        AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                lines.add(new String(encoder.encode(event), StandardCharsets.UTF_8));
            }
        };
        capture.setContext(root.getLoggerContext());
        capture.start();
        root.addAppender(capture);
        return capture;
    }
}
