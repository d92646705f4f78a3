package io.switchboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Maps environment variables onto the documented property keys: HUB_DB_URL overrides hub.db.url,
 * CAMEL_SERVER_PORT overrides camel.server.port. Done here because camel-main binds camel.* options
 * without consulting the environment (seen with 4.18.0).
 */
public final class EnvironmentOverrides {

    private EnvironmentOverrides() {
    }

    /** The environment variable name for a property key. */
    public static String variableName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Every documented key (from application.properties) whose environment variable is set. */
    public static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> overrides = new TreeMap<>();
        for (String key : documentedKeys().stringPropertyNames()) {
            String value = environment.get(variableName(key));
            if (value != null) {
                overrides.put(key, value);
            }
        }
        return overrides;
    }

    static Properties documentedKeys() {
        Properties keys = new Properties();
        try (InputStream in = EnvironmentOverrides.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                keys.load(in);
            }
            Path local = Path.of("application.properties");
            if (Files.isReadable(local)) {
                try (InputStream file = Files.newInputStream(local)) {
                    keys.load(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.properties", e);
        }
        return keys;
    }
}
