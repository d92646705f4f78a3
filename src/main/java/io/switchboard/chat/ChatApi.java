package io.switchboard.chat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ops.HttpErrors;
import io.switchboard.ops.HttpProblem;
import org.apache.camel.Exchange;

/**
 * The /api/chat/** handlers: validate the JSON request, act through ChatRooms / I2aClient, answer
 * JSON. I2A being down or suspended answers 503 with Retry-After; I2A refusing a request answers 422.
 */
public class ChatApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@:+-]{1,200}");

    private final ChatRooms rooms;
    private final I2aClient i2a;
    private final I2aLink link;
    private final DirectoryUsers directory;
    private final I2aSettings settings;

    public ChatApi(ChatRooms rooms, I2aClient i2a, I2aLink link, DirectoryUsers directory, I2aSettings settings) {
        this.rooms = rooms;
        this.i2a = i2a;
        this.link = link;
        this.directory = directory;
        this.settings = settings;
    }

    /** A handler that answers through the exchange. */
    @FunctionalInterface
    interface Handler {
        void handle(Exchange exchange);
    }

    /** Runs a handler, turning I2A trouble into the answer an app back end can act on. */
    public void run(Exchange exchange, List<String> methods, Handler handler) {
        String method = exchange.getIn().getHeader(Exchange.HTTP_METHOD, String.class);
        if (!methods.contains(method)) {
            throw new HttpProblem(405, "method_not_allowed", "use " + String.join(" or ", methods));
        }
        if (!settings.enabled()) {
            throw new HttpProblem(503, "chat_disabled", "chat disabled: hub.i2a.url and hub.i2a.app-secret are not set");
        }
        // read once: the request body may be a stream
        String body = exchange.getIn().getBody(String.class);
        exchange.getIn().setBody(body);
        if (body != null && body.length() > settings.apiMaxBodyBytes()) {
            throw new HttpProblem(413, "payload_too_large", "request body over " + settings.apiMaxBodyBytes() + " bytes");
        }
        try {
            handler.handle(exchange);
        } catch (I2aUnavailable e) {
            unavailable(exchange, "i2a_unavailable", "I2A Chat is not reachable; try again later");
        } catch (I2aAuthFailed e) {
            unavailable(exchange, "i2a_auth_failed", "the hub cannot call I2A Chat (application secret refused); operators are alerted");
        } catch (I2aRejected e) {
            HttpErrors.respond(exchange, 422, "i2a_rejected", "I2A Chat refused the request: " + e.errorBody());
        }
    }

    private void unavailable(Exchange exchange, String code, String message) {
        HttpErrors.respond(exchange, 503, code, message);
        exchange.getMessage().setHeader("Retry-After", String.valueOf(settings.retryAfterSeconds()));
    }

    // POST /api/chat/rooms {"key","type","members"}
    public void createRoom(Exchange exchange) {
        JsonNode request = json(exchange);
        String key = name(request, "key", true);
        String type = request.hasNonNull("type") ? name(request, "type", true) : settings.defaultRoomType();
        List<String> members = users(request, "members");
        rejectUnknown(members);
        ChatRoom existing = rooms.find(key).orElse(null);
        if (existing != null && !existing.pending()) {
            throw new HttpProblem(409, "room_exists", "room " + key + " exists already");
        }
        ChatRoom room = rooms.findOrCreate(key, type, members);
        room = rooms.addMembers(room, members);
        answer(exchange, 201, roomJson(room));
    }

    // GET / DELETE /api/chat/rooms/{key}
    public void room(Exchange exchange) {
        ChatRoom room = existingRoom(exchange);
        if ("DELETE".equals(exchange.getIn().getHeader(Exchange.HTTP_METHOD, String.class))) {
            rooms.delete(room);
            exchange.getMessage().removeHeaders("*");
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
            exchange.getMessage().setBody(null);
            return;
        }
        answer(exchange, 200, roomJson(room));
    }

    // POST /api/chat/rooms/{key}/members {"members":[…]}
    public void addMembers(Exchange exchange) {
        List<String> members = nonEmpty(users(json(exchange), "members"));
        rejectUnknown(members);
        answer(exchange, 200, roomJson(rooms.addMembers(existingRoom(exchange), members)));
    }

    // POST /api/chat/rooms/{key}/members/remove {"members":[…]}
    public void removeMembers(Exchange exchange) {
        List<String> members = nonEmpty(users(json(exchange), "members"));
        answer(exchange, 200, roomJson(rooms.removeMembers(existingRoom(exchange), members)));
    }

    // POST /api/chat/rooms/{key}/messages {"message"}
    public void sendMessage(Exchange exchange) {
        JsonNode request = json(exchange);
        String message = text(request, "message", 4000);
        ChatRoom room = rooms.sendSystemMessage(existingRoom(exchange), message);
        answer(exchange, 200, Map.of("room", room.key(), "sent", true));
    }

    // GET /api/chat/users/{user}/rooms
    public void roomsOfUser(Exchange exchange) {
        String user = pathName(exchange, "user");
        List<Map<String, Object>> list = new ArrayList<>();
        rooms.roomsOf(user).forEach(r -> list.add(roomJson(r)));
        answer(exchange, 200, Map.of("user", user, "rooms", list));
    }

    // POST /api/chat/sessions {"user","deviceId","customData","fcmToken"}
    public void openSession(Exchange exchange) {
        JsonNode request = json(exchange);
        String user = name(request, "user", true);
        String device = text(request, "deviceId", 200);
        rejectUnknown(List.of(user));
        String customData = null;
        if (request.hasNonNull("customData")) {
            if (!request.get("customData").isObject()) {
                throw HttpProblem.badRequest("invalid_field", "customData must be a JSON object");
            }
            customData = request.get("customData").toString();
        }
        String fcmToken = request.hasNonNull("fcmToken") ? text(request, "fcmToken", 4096) : null;
        String token = i2a.openSession(user, device, customData, fcmToken);
        answer(exchange, 201, Map.of("user", user, "deviceId", device, "token", token));
    }

    // POST /api/chat/sessions/close {"user","deviceId"}
    public void closeSession(Exchange exchange) {
        JsonNode request = json(exchange);
        String user = name(request, "user", true);
        String device = text(request, "deviceId", 200);
        i2a.closeSession(user, device);
        answer(exchange, 200, Map.of("user", user, "deviceId", device, "closed", true));
    }

    // GET /api/chat/i2a and POST /api/chat/i2a/resume (operators)
    public void linkState(Exchange exchange) {
        if ("POST".equals(exchange.getIn().getHeader(Exchange.HTTP_METHOD, String.class))) {
            link.resume();
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("state", link.state());
        state.put("lastSuccess", link.lastSuccess() == null ? null : link.lastSuccess().toString());
        state.put("lastError", link.lastError());
        state.putAll(link.queueDepths());
        answer(exchange, 200, state);
    }

    private ChatRoom existingRoom(Exchange exchange) {
        String key = pathName(exchange, "key");
        return rooms.find(key).orElseThrow(() -> HttpProblem.notFound("no room " + key));
    }

    private void rejectUnknown(List<String> users) {
        List<String> unknown = directory.unknownAmong(users);
        if (!unknown.isEmpty()) {
            throw new HttpProblem(422, "unknown_users", "not directory users: " + String.join(", ", unknown));
        }
    }

    private static JsonNode json(Exchange exchange) {
        String body = exchange.getIn().getBody(String.class);
        if (body == null || body.isBlank()) {
            throw HttpProblem.badRequest("invalid_json", "a JSON object body is required");
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw HttpProblem.badRequest("invalid_json", "the body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw HttpProblem.badRequest("invalid_json", "the body is not valid JSON");
        }
    }

    private static String name(JsonNode request, String field, boolean required) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw HttpProblem.badRequest("missing_field", field + " is required");
            }
            return null;
        }
        if (!value.isTextual() || !NAME.matcher(value.asText()).matches()) {
            throw HttpProblem.badRequest("invalid_field", field + " must be 1-200 characters of letters, digits or ._@:+-");
        }
        return value.asText();
    }

    private static String text(JsonNode request, String field, int maxLength) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull() || !value.isTextual() || value.asText().isBlank()) {
            throw HttpProblem.badRequest("missing_field", field + " is required (a non-empty string)");
        }
        if (value.asText().length() > maxLength) {
            throw HttpProblem.badRequest("invalid_field", field + " is longer than " + maxLength + " characters");
        }
        return value.asText();
    }

    private static List<String> users(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > 500) {
            throw HttpProblem.badRequest("invalid_field", field + " must be an array of at most 500 usernames");
        }
        List<String> users = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || !NAME.matcher(item.asText()).matches()) {
                throw HttpProblem.badRequest("invalid_field", field + " must hold usernames (strings)");
            }
            if (!users.contains(item.asText())) {
                users.add(item.asText());
            }
        }
        return users;
    }

    private static List<String> nonEmpty(List<String> users) {
        if (users.isEmpty()) {
            throw HttpProblem.badRequest("missing_field", "members is required (a non-empty array)");
        }
        return users;
    }

    private static String pathName(Exchange exchange, String header) {
        String value = exchange.getIn().getHeader(header, String.class);
        if (value == null || !NAME.matcher(value).matches()) {
            throw HttpProblem.badRequest("invalid_path", header + " in the path is not a valid name");
        }
        return value;
    }

    static Map<String, Object> roomJson(ChatRoom room) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", room.key());
        json.put("identifier", room.identifier());
        json.put("type", room.type());
        json.put("status", room.status());
        List<Map<String, String>> members = new ArrayList<>();
        room.members().forEach(m -> members.add(Map.of("user", m.user(), "status", m.status())));
        json.put("members", members);
        return json;
    }

    private static void answer(Exchange exchange, int status, Object body) {
        var out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            out.setBody(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON answer", e);
        }
    }
}
