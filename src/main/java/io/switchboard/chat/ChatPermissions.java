package io.switchboard.chat;

import io.switchboard.ops.HttpProblem;
import org.apache.camel.Exchange;

/**
 * Who may do what in a room (docs/chat-api.md "Roles"). The back-end service may do everything;
 * owners and admins manage a room; only owners make owners and admins, and only they remove owners;
 * members read and leave. A user who is not a member is told the room does not exist.
 */
final class ChatPermissions {

    private ChatPermissions() {
    }

    static ChatCaller caller(Exchange exchange) {
        ChatCaller caller = exchange.getProperty(ChatCaller.PROPERTY, ChatCaller.class);
        if (caller == null) {
            throw HttpProblem.unauthorized("not authenticated");
        }
        return caller;
    }

    static void requireService(ChatCaller caller, String action) {
        if (!caller.isService()) {
            throw HttpProblem.forbidden(action + " is for the hub's back end only, not for app users");
        }
    }

    /** The caller's role in the room (the service counts as owner); 404 for a user who is not a member. */
    static ChatRole requireMember(ChatCaller caller, ChatRoom room) {
        if (caller.isService()) {
            return ChatRole.OWNER;
        }
        return room.roleOf(caller.user()).orElseThrow(() -> HttpProblem.notFound("no room " + room.key()));
    }

    static void requireManager(ChatCaller caller, ChatRoom room, String action) {
        if (!requireMember(caller, room).manages()) {
            throw HttpProblem.forbidden("only owners and admins of room " + room.key() + " may " + action);
        }
    }

    /** Granting owner or admin, or removing an owner, takes an owner. */
    static void requireOwner(ChatCaller caller, ChatRoom room, String action) {
        if (requireMember(caller, room) != ChatRole.OWNER) {
            throw HttpProblem.forbidden("only owners of room " + room.key() + " may " + action);
        }
    }

    /** A user acts for themself only. */
    static void requireSelf(ChatCaller caller, String user, String action) {
        if (!caller.isService() && !caller.user().equals(user)) {
            throw HttpProblem.forbidden(caller.describe() + " may " + action + " only for themself");
        }
    }
}
