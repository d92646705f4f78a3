package io.switchboard.chat;

import java.util.List;

/** The bodies /api/chat/** answers with (JSON); errors are {"error","message"}. */
public final class ChatAnswers {

    private ChatAnswers() {
    }

    /** A room as the hub's database knows it. */
    public record Room(String key, String identifier, String type, String name, String status, List<Member> members) {

        static Room of(ChatRoom room) {
            return new Room(room.key(), room.identifier(), room.type(), room.name(), room.status(),
                    room.members().stream().map(m -> new Member(m.user(), m.role().value(), m.status())).toList());
        }
    }

    /** One member: role owner/admin/member, status ACTIVE or a pending state. */
    public record Member(String user, String role, String status) {
    }

    public record UserRooms(String user, List<Room> rooms) {
    }

    public record Left(String room, String user, boolean left) {
    }

    public record Sent(String room, boolean sent) {
    }

    public record SessionOpened(String user, String deviceId, String token) {
    }

    public record SessionClosed(String user, String deviceId, boolean closed) {
    }
}
