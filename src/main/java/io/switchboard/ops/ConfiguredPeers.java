package io.switchboard.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import io.switchboard.ion.IonCredentials;

/** Reads from the configuration which peers have credentials; a peer without them is disabled, never a crash. */
public final class ConfiguredPeers {

    private ConfiguredPeers() {
    }

    /** property resolves a key to its value, or "" when unset. */
    public static List<PeerStatus> detect(UnaryOperator<String> property) {
        return List.of(ion(property), pushover(property), i2a(property), acrobits(property));
    }

    static PeerStatus ion(UnaryOperator<String> property) {
        String file = property.apply("hub.ion.credentials-file");
        if (file.isBlank()) {
            return new PeerStatus("ion", false, "hub.ion.credentials-file not set");
        }
        if (!Files.isReadable(Path.of(file))) {
            return new PeerStatus("ion", false, "credentials file not readable: " + file);
        }
        try {
            IonCredentials.load(Path.of(file));
        } catch (IllegalArgumentException e) {
            return new PeerStatus("ion", false, "invalid credentials file: " + e.getMessage());
        }
        if (property.apply("hub.ion.logical-id").isBlank()) {
            return new PeerStatus("ion", false, "hub.ion.logical-id not set");
        }
        return new PeerStatus("ion", true, file);
    }

    static PeerStatus pushover(UnaryOperator<String> property) {
        boolean set = !property.apply("hub.pushover.token").isBlank() && !property.apply("hub.pushover.user").isBlank();
        return new PeerStatus("pushover", set, set ? property.apply("hub.pushover.url")
                : "hub.pushover.token/user not set");
    }

    static PeerStatus i2a(UnaryOperator<String> property) {
        boolean set = !property.apply("hub.i2a.url").isBlank() && !property.apply("hub.i2a.app-secret").isBlank();
        return new PeerStatus("i2a", set, set ? property.apply("hub.i2a.url") : "hub.i2a.url/app-secret not set");
    }

    static PeerStatus acrobits(UnaryOperator<String> property) {
        boolean set = !property.apply("hub.acrobits.cloud-id").isBlank();
        return new PeerStatus("acrobits", set, set ? "cloud-id set" : "hub.acrobits.cloud-id not set");
    }
}
