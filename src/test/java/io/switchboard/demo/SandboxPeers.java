package io.switchboard.demo;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.switchboard.alert.FakePushover;
import io.switchboard.chat.FakeI2a;
import io.switchboard.ion.FakeIon;

/**
 * The demo's peers: the test tree's fake ION, I2A and Pushover on loopback, and the hub properties that
 * point the hub at them. Lives in the test tree only, so production configuration can never enable it.
 */
final class SandboxPeers implements AutoCloseable {

    static final String API_KEY = "demo-api-key";
    static final String IMS_USER = "ion-gateway";
    static final String IMS_PASSWORD = "demo-ims-secret";
    static final String TENANT = FakeIon.TENANT;
    static final String I2A_SECRET = "demo-i2a-secret";

    final FakeIon ion;
    final FakeI2a i2a;
    final FakePushover pushover;

    private SandboxPeers(FakeIon ion, FakeI2a i2a, FakePushover pushover) {
        this.ion = ion;
        this.i2a = i2a;
        this.pushover = pushover;
    }

    static SandboxPeers start() {
        return new SandboxPeers(FakeIon.start(), FakeI2a.start(I2A_SECRET), FakePushover.start());
    }

    /** Hub properties for a demo: every peer enabled against its fake, timings short enough to watch. */
    Map<String, String> hubProperties(Path workDir) {
        Map<String, String> props = new HashMap<>();
        props.put("hub.api.key", API_KEY);
        props.put("hub.ims.auth.mode", "basic");
        props.put("hub.ims.auth.user", IMS_USER);
        props.put("hub.ims.auth.password", IMS_PASSWORD);
        props.put("hub.ims.tenants", TENANT);
        props.put("hub.ion.credentials-file", ion.writeIonapi(workDir).toString());
        props.put("hub.ion.poll-interval", "100");
        props.put("hub.ion.backoff.initial", "100");
        props.put("hub.ion.backoff.max", "1000");
        props.put("hub.i2a.url", i2a.url());
        props.put("hub.i2a.app-secret", I2A_SECRET);
        props.put("hub.pushover.url", pushover.url());
        props.put("hub.pushover.token", FakePushover.TOKEN);
        props.put("hub.pushover.user", FakePushover.USER);
        // repeats of one alert within 5 s fold into one "(×N)" alert: quick to show, and wide enough that
        // the two repeats land in one window even on a busy machine (2 s split them now and then)
        props.put("hub.pushover.window", "5000");
        props.put("hub.pushover.poll-interval", "100");
        props.put("hub.acrobits.cloud-id", "ACME");
        props.put("hub.acrobits.default-network-id", "north");
        props.put("hub.acrobits.password-iterations", "1000");
        return props;
    }

    @Override
    public void close() {
        try (FakeIon a = ion; FakeI2a b = i2a; FakePushover c = pushover) {
            // closed in reverse order by try-with-resources
        }
    }

    /** For the banner. */
    String describe() {
        return "fake ION " + ion.url() + ", fake I2A " + i2a.url() + ", fake Pushover " + pushover.url();
    }
}
