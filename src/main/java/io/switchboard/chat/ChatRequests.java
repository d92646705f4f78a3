package io.switchboard.chat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.switchboard.ops.JsonText;

/**
 * The bodies /api/chat/** accepts, bound in each verb's route (ChatApiRoutes) and shown by the OpenAPI document.
 * Unknown fields are ignored; a field of the wrong JSON type (a number for a string, a string for a list) is a
 * binding error naming the field (400 invalid_field); ChatApi checks presence, lengths and name syntax.
 */
public final class ChatRequests {

    private ChatRequests() {
    }

    /** POST /api/chat/rooms: key required; type defaults to hub.i2a.default-room-type; at most 500 users a list. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CreateRoom(@JsonDeserialize(using = JsonText.class) String key,
                             @JsonDeserialize(using = JsonText.class) String type,
                             @JsonDeserialize(using = JsonText.class) String name,
                             @JsonDeserialize(contentUsing = JsonText.class) List<String> members,
                             @JsonDeserialize(contentUsing = JsonText.class) List<String> admins,
                             @JsonDeserialize(contentUsing = JsonText.class) List<String> owners) {
    }

    /** POST …/members (role: member, admin or owner; default member) and …/members/remove (role unused). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Members(@JsonDeserialize(contentUsing = JsonText.class) List<String> members,
                          @JsonDeserialize(using = JsonText.class) String role) {
    }

    /** PUT …/name: at most 200 characters. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Rename(@JsonDeserialize(using = JsonText.class) String name) {
    }

    /** POST …/messages: a system message, at most 4000 characters. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SystemMessage(@JsonDeserialize(using = JsonText.class) String message) {
    }

    /** POST /api/chat/sessions: user only for the service key with impersonation allowed; customData an object. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OpenSession(@JsonDeserialize(using = JsonText.class) String user,
                              @JsonDeserialize(using = JsonText.class) String deviceId,
                              Map<String, Object> customData,
                              @JsonDeserialize(using = JsonText.class) String fcmToken) {
    }

    /** POST /api/chat/sessions/close. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CloseSession(@JsonDeserialize(using = JsonText.class) String user,
                               @JsonDeserialize(using = JsonText.class) String deviceId) {
    }
}
