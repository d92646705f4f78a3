package io.switchboard.chat;

import io.switchboard.HubProperties;
import io.switchboard.Secret;

/** The hub.i2a.* configuration. */
public record I2aSettings(String url, Secret appSecret, String defaultRoomType, long connectTimeoutMillis,
        long responseTimeoutMillis, int retryAfterSeconds, int maxConcurrentEvents, int apiMaxBodyBytes) {

    public static I2aSettings from(HubProperties props) {
        return new I2aSettings(props.get("hub.i2a.url"), props.secret("hub.i2a.app-secret"),
                props.get("hub.i2a.default-room-type"), props.longValue("hub.i2a.connect-timeout"),
                props.longValue("hub.i2a.response-timeout"), props.integer("hub.i2a.retry-after"),
                props.integer("hub.i2a.max-concurrent-events"), props.integer("hub.i2a.api-max-body-bytes"));
    }

    public boolean enabled() {
        return !url.isBlank() && appSecret.isPresent();
    }

    /** The server-to-server base, always ending in a slash. */
    public String baseUrl() {
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return trimmed + "/server-to-server/v1/";
    }
}
