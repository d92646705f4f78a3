package io.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.switchboard.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every secret of the hub is masked in the start-up log, JMX and /observe (issue 12 item 5). */
class SecretsAtStartupTest {

    /** Each secret key of application.properties with a value that would be found if it leaked. */
    static final Map<String, String> SECRETS = new LinkedHashMap<>();

    static {
        SECRETS.put("hub.api.key", "leak-api-key-41d7");
        SECRETS.put("hub.api.password", "leak-api-password-9c2e");
        SECRETS.put("hub.db.password", "");  // H2 creates the user with the password of its first use
        SECRETS.put("hub.ims.auth.password", "leak-ims-password-77aa");
        SECRETS.put("hub.ims.auth.token", "leak-ims-token-31fe");
        SECRETS.put("hub.ims.auth.header-value", "leak-ims-header-value-5b90");
        SECRETS.put("hub.pushover.token", "leak-pushover-token-0d1c");
        SECRETS.put("hub.pushover.user", "leak-pushover-user-88e3");
        SECRETS.put("hub.i2a.app-secret", "leak-i2a-secret-6f4a");
        SECRETS.put("hub.acrobits.shared-secret", "leak-acrobits-secret-2c7b");
    }

    private static TestHub hub;
    private static String startupLog;

    @BeforeAll
    static void start() {
        Map<String, String> overrides = new LinkedHashMap<>(SECRETS);
        overrides.remove("hub.db.password");
        overrides.put("hub.api.user", "ops");
        overrides.put("hub.ims.auth.header-name", "X-Gateway-Secret");
        // Pushover on a closed loopback port: configured (so its token is in use) but never reached
        overrides.put("hub.pushover.url", "http://127.0.0.1:9/1/messages.json");
        overrides.put("hub.i2a.url", "http://127.0.0.1:9/");
        try (LogLines log = LogLines.capture()) {
            hub = TestHub.start(overrides);
            startupLog = log.text();
        }
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static void assertNoSecretIn(String where, String text) {
        SECRETS.forEach((key, value) -> {
            if (!value.isEmpty()) {
                assertThat(text).as(where + " must not show " + key).doesNotContain(value);
            }
        });
    }

    @Test
    void startUpLogMasksEverySecret() {
        assertThat(startupLog).contains("hub.api.key").contains("hub.i2a.app-secret");
        assertNoSecretIn("start-up log", startupLog);
    }

    @Test
    void jmxShowsNoSecret() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        StringBuilder all = new StringBuilder();
        for (ObjectName name : server.queryNames(null, null)) {
            for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                if (!attribute.isReadable()) {
                    continue;
                }
                try {
                    Object value = server.getAttribute(name, attribute.getName());
                    all.append(name).append(' ').append(attribute.getName()).append('=')
                            .append(value instanceof Object[] array ? java.util.Arrays.deepToString(array) : value)
                            .append('\n');
                } catch (Exception | Error unreadable) {
                    // some platform attributes are not available on every JVM
                }
            }
        }
        assertThat(all.length()).isGreaterThan(1000);
        assertNoSecretIn("JMX", all.toString());
    }

    @Test
    void observeShowsNoSecret() {
        for (String path : new String[] {"/observe/health", "/observe/health/ready", "/observe/metrics"}) {
            assertNoSecretIn(path, hub.get(path).body());
        }
    }
}
