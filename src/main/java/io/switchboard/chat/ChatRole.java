package io.switchboard.chat;

import java.util.Locale;

import io.switchboard.ops.HttpProblem;

/**
 * A member's role in a room (column chat_room_member.member_role). Owners and admins manage the room
 * (members, name, deletion); only owners make owners and admins; members read and leave.
 */
public enum ChatRole {
    OWNER, ADMIN, MEMBER;

    /** As stored and as the API writes it: lower case. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean manages() {
        return this == OWNER || this == ADMIN;
    }

    public static ChatRole fromStored(String value) {
        return value == null ? MEMBER : valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** From a request field: 400 for anything but owner, admin, member. */
    public static ChatRole fromRequest(String value) {
        for (ChatRole role : values()) {
            if (role.value().equals(value)) {
                return role;
            }
        }
        throw HttpProblem.badRequest("invalid_field", "role must be owner, admin or member");
    }
}
