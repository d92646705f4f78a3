package io.switchboard.alert;

import io.switchboard.HubJson;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Builds the JSON body of POST messages.json for one queued alert (Pushover message API). */
public class PushoverRequest {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final PushoverSettings settings;
    private final ZoneId zone;
    private final ObjectMapper json = HubJson.mapper();

    public PushoverRequest(PushoverSettings settings, ZoneId zone) {
        this.settings = settings;
        this.zone = zone;
    }

    public String toJson(QueuedAlert alert) throws JsonProcessingException {
        return json.writeValueAsString(fields(alert));
    }

    Map<String, Object> fields(QueuedAlert alert) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", settings.token().reveal());
        body.put("user", alert.recipient() != null ? alert.recipient() : settings.user().reveal());
        body.put("message", text(alert));
        putIfPresent(body, "title", alert.title());
        body.put("priority", alert.priority());
        putIfPresent(body, "url", alert.url());
        putIfPresent(body, "url_title", alert.urlTitle());
        putIfPresent(body, "sound", alert.sound());
        body.put("html", settings.html() ? 1 : 0);
        if (settings.ttl() > 0 && alert.priority() < 2) {
            body.put("ttl", settings.ttl());
        }
        body.put("timestamp", alert.firstAt().getEpochSecond());
        if (alert.priority() == PushoverLimits.MAX_PRIORITY) {
            // emergency: Pushover repeats it every retry seconds until acknowledged or expire passes
            body.put("retry", settings.emergencyRetry());
            body.put("expire", settings.emergencyExpire());
        }
        return body;
    }

    /** The message, with "(×N since HH:MM)" when it stands for N identical alerts; still ≤ 1024 chars. */
    public String text(QueuedAlert alert) {
        if (alert.occurrences() <= 1) {
            return PushoverLimits.truncate(alert.message(), PushoverLimits.MESSAGE);
        }
        String suffix = " (\u00d7" + alert.occurrences() + " since " + HH_MM.format(alert.firstAt().atZone(zone)) + ")";
        return PushoverLimits.truncate(alert.message(), PushoverLimits.MESSAGE - suffix.length()) + suffix;
    }

    private static void putIfPresent(Map<String, Object> body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
