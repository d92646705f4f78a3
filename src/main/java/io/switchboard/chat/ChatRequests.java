package io.switchboard.chat;

import java.util.List;
import java.util.Map;

/**
 * The bodies /api/chat/** accepts, as the OpenAPI document shows them. ChatApi reads them field by field
 * (unknown fields are ignored, every field's shape and length is checked and named in a 400).
 */
public final class ChatRequests {

    private ChatRequests() {
    }

    /** POST /api/chat/rooms: key required; type defaults to hub.i2a.default-room-type; at most 500 users a list. */
    public record CreateRoom(String key, String type, String name, List<String> members, List<String> admins,
                             List<String> owners) {
    }

    /** POST …/members (role: member, admin or owner; default member) and …/members/remove (role unused). */
    public record Members(List<String> members, String role) {
    }

    /** PUT …/name: at most 200 characters. */
    public record Rename(String name) {
    }

    /** POST …/messages: a system message, at most 4000 characters. */
    public record SystemMessage(String message) {
    }

    /** POST /api/chat/sessions: user only for the service key with impersonation allowed; customData an object. */
    public record OpenSession(String user, String deviceId, Map<String, Object> customData, String fcmToken) {
    }

    /** POST /api/chat/sessions/close. */
    public record CloseSession(String user, String deviceId) {
    }
}
