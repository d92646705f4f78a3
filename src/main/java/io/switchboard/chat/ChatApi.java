package io.switchboard.chat;

import io.switchboard.HubJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ops.HttpErrors;
import io.switchboard.ops.HttpProblem;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The /api/chat/** handlers: authenticate the caller, validate the bound request record, check the caller's
 * room role (ChatPermissions), act through ChatRooms / ChatSessions, answer JSON. I2A being down or
 * suspended answers 503 with Retry-After; I2A refusing a request answers 422.
 */
public class ChatApi {

    private static final Logger LOG = LoggerFactory.getLogger(ChatApi.class);
    private static final ObjectMapper JSON = HubJson.mapper();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@:+-]{1,200}");

    private final ChatRooms rooms;
    private final ChatSessions sessions;
    private final I2aLink link;
    private final DirectoryUsers directory;
    private final I2aSettings settings;
    private final ChatAuthentication authentication;
    private final boolean serviceMayImpersonate;

    public ChatApi(ChatRooms rooms, ChatSessions sessions, I2aLink link, DirectoryUsers directory, I2aSettings settings,
                   ChatAuthentication authentication, boolean serviceMayImpersonate) {
        this.rooms = rooms;
        this.sessions = sessions;
        this.link = link;
        this.directory = directory;
        this.settings = settings;
        this.authentication = authentication;
        this.serviceMayImpersonate = serviceMayImpersonate;
    }

    /** A handler that answers through the exchange. */
    @FunctionalInterface
    interface Handler {
        void handle(Exchange exchange);
    }

    /**
     * Step 1 of every verb: the caller is authenticated and chat is enabled, before anything about the body
     * (a caller without credentials hears 401). An IdP that cannot be reached is answered here and ends the route.
     */
    public void admit(Exchange exchange) throws Exception {
        try {
            authentication.process(exchange);
        } catch (IdpTokens.KeysUnavailable e) {
            unavailable(exchange, "idp_unavailable", e.getMessage() + "; try again later");
            exchange.setRouteStop(true);
            return;
        }
        if (!settings.enabled()) {
            throw new HttpProblem(503, "chat_disabled", "chat disabled: hub.i2a.url and hub.i2a.app-secret are not set");
        }
    }

    /** The largest request body (hub.i2a.api-max-body-bytes), checked before the body is bound. */
    public int maxBodyBytes() {
        return settings.apiMaxBodyBytes();
    }

    /** Last step of every verb: runs its handler on the bound request, turning I2A trouble into an answer an app can act on. */
    public void handle(Exchange exchange, Handler handler) {
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

    // POST /api/chat/rooms {"key","type","name","members","admins","owners"}; a user creating a room owns it
    public void createRoom(Exchange exchange) {
        ChatCaller caller = ChatPermissions.caller(exchange);
        ChatRequests.CreateRoom request = request(exchange, ChatRequests.CreateRoom.class);
        String key = name(request.key(), "key", true);
        String type = request.type() != null ? name(request.type(), "type", true) : settings.defaultRoomType();
        String roomName = request.name() != null ? text(request.name(), "name", 200) : null;
        Map<String, ChatRole> members = new LinkedHashMap<>();
        users(request.members(), "members").forEach(u -> members.put(u, ChatRole.MEMBER));
        users(request.admins(), "admins").forEach(u -> members.put(u, ChatRole.ADMIN));
        users(request.owners(), "owners").forEach(u -> members.put(u, ChatRole.OWNER));
        if (!caller.isService()) {
            members.put(caller.user(), ChatRole.OWNER);
        }
        rejectUnknown(List.copyOf(members.keySet()));
        ChatRoom existing = rooms.find(key).orElse(null);
        if (existing != null && !existing.pending()) {
            throw new HttpProblem(409, "room_exists", "room " + key + " exists already");
        }
        if (existing != null) {
            ChatPermissions.requireManager(caller, existing, "complete it");
        }
        ChatRoom room = rooms.findOrCreate(key, type, roomName, members);
        for (ChatRole role : ChatRole.values()) {
            List<String> withRole = members.entrySet().stream().filter(m -> m.getValue() == role).map(Map.Entry::getKey).toList();
            if (!withRole.isEmpty()) {
                room = rooms.addMembers(room, withRole, role);
            }
        }
        LOG.info("event=chat-api-room-created roomKey={} by=\"{}\"", key, caller.describe());
        answer(exchange, 201, roomJson(room));
    }

    // GET / DELETE /api/chat/rooms/{key}
    public void room(Exchange exchange) {
        ChatCaller caller = ChatPermissions.caller(exchange);
        ChatRoom room = existingRoom(exchange);
        if ("DELETE".equals(exchange.getIn().getHeader(Exchange.HTTP_METHOD, String.class))) {
            ChatPermissions.requireManager(caller, room, "delete it");
            rooms.delete(room);
            exchange.getMessage().removeHeaders("*");
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
            exchange.getMessage().setBody(null);
            return;
        }
        ChatPermissions.requireMember(caller, room);
        answer(exchange, 200, roomJson(room));
    }

    // POST /api/chat/rooms/{key}/members {"members":[…],"role"?}: adds the missing, gives present ones the role
    public void addMembers(Exchange exchange) {
        ChatCaller caller = ChatPermissions.caller(exchange);
        ChatRequests.Members request = request(exchange, ChatRequests.Members.class);
        List<String> members = nonEmpty(users(request.members(), "members"));
        ChatRoom room = existingRoom(exchange);
        ChatPermissions.requireManager(caller, room, "add members");
        ChatRole role = request.role() != null ? ChatRole.fromRequest(request.role()) : null;
        if (role != null && role != ChatRole.MEMBER) {
            ChatPermissions.requireOwner(caller, room, "make owners or admins");
        }
        if (role != null && members.stream().anyMatch(u -> room.roleOf(u).orElse(null) == ChatRole.OWNER)) {
            ChatPermissions.requireOwner(caller, room, "change an owner's role");
        }
        rejectUnknown(members);
        ChatRoom updated = rooms.addMembers(room, members, role == null ? ChatRole.MEMBER : role);
        if (role != null) {
            List<String> present = members.stream().filter(u -> room.roleOf(u).isPresent()).toList();
            if (!present.isEmpty()) {
                updated = rooms.changeRole(updated, present, role);
            }
        }
        answer(exchange, 200, roomJson(updated));
    }

    // POST /api/chat/rooms/{key}/members/remove {"members":[…]}
    public void removeMembers(Exchange exchange) {
        ChatCaller caller = ChatPermissions.caller(exchange);
        List<String> members = nonEmpty(users(request(exchange, ChatRequests.Members.class).members(), "members"));
        ChatRoom room = existingRoom(exchange);
        ChatPermissions.requireManager(caller, room, "remove members");
        if (members.stream().anyMatch(u -> room.roleOf(u).orElse(null) == ChatRole.OWNER)) {
            ChatPermissions.requireOwner(caller, room, "remove an owner");
        }
        answer(exchange, 200, roomJson(rooms.removeMembers(room, members)));
    }

    // POST /api/chat/rooms/{key}/leave: a member leaves; the last owner hands over first
    public void leave(Exchange exchange) {
        ChatCaller caller = ChatPermissions.caller(exchange);
        if (caller.isService()) {
            throw HttpProblem.forbidden("only a user can leave a room; the service removes members instead");
        }
        ChatRoom room = existingRoom(exchange);
        ChatRole role = ChatPermissions.requireMember(caller, room);
        boolean othersStay = room.members().stream().anyMatch(m -> !m.user().equals(caller.user())
                && !m.status().equals(ChatRoomStore.PENDING_REMOVE));
        if (role == ChatRole.OWNER && room.owners().size() == 1 && othersStay) {
            throw new HttpProblem(409, "last_owner", "you are the last owner of room " + room.key()
                    + ": make another member owner first");
        }
        rooms.removeMembers(room, List.of(caller.user()));
        answer(exchange, 200, new ChatAnswers.Left(room.key(), caller.user(), true));
    }

    // PUT /api/chat/rooms/{key}/name {"name"}
    public void rename(Exchange exchange) {
        ChatCaller caller = ChatPermissions.caller(exchange);
        String newName = text(request(exchange, ChatRequests.Rename.class).name(), "name", 200);
        ChatRoom room = existingRoom(exchange);
        ChatPermissions.requireManager(caller, room, "rename it");
        answer(exchange, 200, roomJson(rooms.rename(room, newName)));
    }

    /** Before the body of POST …/messages is bound: system messages come from the hub, never from app users. */
    public void requireServiceForMessages(Exchange exchange) {
        ChatPermissions.requireService(ChatPermissions.caller(exchange), "sending system messages");
    }

    // POST /api/chat/rooms/{key}/messages {"message"}
    public void sendMessage(Exchange exchange) {
        requireServiceForMessages(exchange);
        String message = text(request(exchange, ChatRequests.SystemMessage.class).message(), "message", 4000);
        ChatRoom room = rooms.sendSystemMessage(existingRoom(exchange), message);
        answer(exchange, 200, new ChatAnswers.Sent(room.key(), true));
    }

    // GET /api/chat/users/{user}/rooms
    public void roomsOfUser(Exchange exchange) {
        String user = pathName(exchange, "user");
        ChatPermissions.requireSelf(ChatPermissions.caller(exchange), user, "list rooms");
        List<ChatAnswers.Room> list = new ArrayList<>();
        rooms.roomsOf(user).forEach(r -> list.add(ChatAnswers.Room.of(r)));
        answer(exchange, 200, new ChatAnswers.UserRooms(user, list));
    }

    // POST /api/chat/sessions {"user"?,"deviceId","customData"?,"fcmToken"?}: a session for the signed-in user only
    public void openSession(Exchange exchange) {
        ChatCaller caller = ChatPermissions.caller(exchange);
        ChatRequests.OpenSession request = request(exchange, ChatRequests.OpenSession.class);
        String user = sessionUser(caller, request.user(), "open a session");
        String device = text(request.deviceId(), "deviceId", 200);
        rejectUnknown(List.of(user));
        ObjectNode customData = request.customData() == null ? null : JSON.valueToTree(request.customData());
        String fcmToken = request.fcmToken() != null ? text(request.fcmToken(), "fcmToken", 4096) : null;
        String token = sessions.open(user, device, customData, fcmToken);
        answer(exchange, 201, new ChatAnswers.SessionOpened(user, device, token));
    }

    // POST /api/chat/sessions/close {"user"?,"deviceId"}
    public void closeSession(Exchange exchange) {
        ChatCaller caller = ChatPermissions.caller(exchange);
        ChatRequests.CloseSession request = request(exchange, ChatRequests.CloseSession.class);
        String user = sessionUser(caller, request.user(), "close a session");
        String device = text(request.deviceId(), "deviceId", 200);
        sessions.close(user, device);
        answer(exchange, 200, new ChatAnswers.SessionClosed(user, device, true));
    }

    /** The signed-in user (a "user" field must name them); the service key only where impersonation is allowed. */
    private String sessionUser(ChatCaller caller, String requestedUser, String action) {
        String named = name(requestedUser, "user", caller.isService());
        if (caller.isService()) {
            if (!serviceMayImpersonate) {
                throw new HttpProblem(403, "impersonation_not_allowed", "the service key cannot " + action
                        + " for a user (hub.chat.auth.service-may-impersonate=false): the app signs in as its user");
            }
            return named;
        }
        if (named != null) {
            ChatPermissions.requireSelf(caller, named, action);
        }
        return caller.user();
    }

    // GET /api/chat/i2a and POST /api/chat/i2a/resume (operators)
    public void linkState(Exchange exchange) {
        ChatPermissions.requireService(ChatPermissions.caller(exchange), "the I2A link state");
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

    /** The request record the verb's route bound (ApiJsonBody), or the 400 for a body that is not one. */
    private static <T> T request(Exchange exchange, Class<T> type) {
        Object body = exchange.getIn().getBody();
        if (!type.isInstance(body)) {
            throw HttpProblem.badRequest("invalid_json", "a JSON object body is required");
        }
        return type.cast(body);
    }

    private static String name(String value, String field, boolean required) {
        if (value == null) {
            if (required) {
                throw HttpProblem.badRequest("missing_field", field + " is required");
            }
            return null;
        }
        if (!NAME.matcher(value).matches()) {
            throw HttpProblem.badRequest("invalid_field", field + " must be 1-200 characters of letters, digits or ._@:+-");
        }
        return value;
    }

    private static String text(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw HttpProblem.badRequest("missing_field", field + " is required (a non-empty string)");
        }
        if (value.length() > maxLength) {
            throw HttpProblem.badRequest("invalid_field", field + " is longer than " + maxLength + " characters");
        }
        return value;
    }

    private static List<String> users(List<String> value, String field) {
        if (value == null) {
            return List.of();
        }
        if (value.size() > 500) {
            throw HttpProblem.badRequest("invalid_field", field + " must be an array of at most 500 usernames");
        }
        List<String> users = new ArrayList<>();
        for (String item : value) {
            if (item == null || !NAME.matcher(item).matches()) {
                throw HttpProblem.badRequest("invalid_field", field + " must hold usernames (strings)");
            }
            if (!users.contains(item)) {
                users.add(item);
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

    private static ChatAnswers.Room roomJson(ChatRoom room) {
        return ChatAnswers.Room.of(room);
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
