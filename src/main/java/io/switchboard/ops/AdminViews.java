package io.switchboard.ops;

import io.switchboard.HubJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.store.DeadLetterEvent;
import io.switchboard.store.DeadLetterRecord;
import io.switchboard.store.DeadLetterStore;
import io.switchboard.store.MessageEvent;
import io.switchboard.store.MessageRecord;
import io.switchboard.store.MessageStore;

/** The JSON shapes operators see (HTTP and JMX): dead letters, their history, a message's journey. */
public class AdminViews {

    private final ObjectMapper json = HubJson.mapper();
    private final DeadLetterStore deadLetters;
    private final MessageStore messages;

    public AdminViews(DeadLetterStore deadLetters, MessageStore messages) {
        this.deadLetters = deadLetters;
        this.messages = messages;
    }

    /** A dead letter; with detail = true also its body, headers and history. */
    public Map<String, Object> deadLetter(DeadLetterRecord dl, boolean detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", dl.id());
        m.put("status", dl.status());
        m.put("messageId", dl.messageId());
        m.put("documentName", dl.documentName());
        m.put("routeId", dl.routeId());
        m.put("endpointUri", dl.endpointUri());
        m.put("reason", dl.reason());
        m.put("attempts", dl.attempts());
        m.put("createdAt", text(dl.createdAt()));
        m.put("updatedAt", text(dl.updatedAt()));
        if (detail) {
            m.put("exceptionSummary", dl.exceptionSummary());
            m.put("headers", parse(dl.headers()));
            m.put("body", dl.body());
            m.put("history", history(dl.id()));
        } else {
            m.put("bodyLength", dl.body() == null ? 0 : dl.body().length());
        }
        return m;
    }

    public List<Map<String, Object>> history(long deadLetterId) {
        return deadLetters.events(deadLetterId).stream().map(AdminViews::event).toList();
    }

    /** One message row with every journey step and its dead letters (with their history). */
    public Map<String, Object> journey(MessageRecord m) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("direction", m.direction().name());
        view.put("messageId", m.messageId());
        view.put("documentName", m.documentName());
        view.put("tenantId", m.tenantId());
        view.put("fromLogicalId", m.fromLogicalId());
        view.put("toLogicalId", m.toLogicalId());
        view.put("status", m.status());
        view.put("route", m.route());
        view.put("attempts", m.attempts());
        view.put("nextAttemptAt", text(m.nextAttemptAt()));
        view.put("lastError", m.lastError());
        view.put("createdAt", text(m.createdAt()));
        view.put("updatedAt", text(m.updatedAt()));
        view.put("payloadLength", m.payload() == null ? 0 : m.payload().length());
        view.put("events", messages.events(m.id()).stream().map(AdminViews::event).toList());
        view.put("deadLetters", deadLetters.forMessage(m.id(), m.messageId()).stream()
                .map(dl -> deadLetter(dl, false)).map(dl -> {
                    dl.put("history", history((Long) dl.get("id")));
                    return dl;
                }).toList());
        return view;
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException("not serialisable: " + e.getMessage(), e);
        }
    }

    private Object parse(String headersJson) {
        try {
            return headersJson == null ? Map.of() : json.readValue(headersJson, Map.class);
        } catch (Exception e) {
            return headersJson;
        }
    }

    private static Map<String, Object> event(MessageEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", text(e.at()));
        m.put("event", e.event());
        m.put("detail", e.detail());
        return m;
    }

    private static Map<String, Object> event(DeadLetterEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", text(e.at()));
        m.put("action", e.action());
        m.put("actor", e.actor());
        m.put("detail", e.detail());
        return m;
    }

    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
