package io.switchboard.chat;

import java.util.List;
import java.util.Optional;

/** A room as our database knows it; identifier is null while the room is PENDING; name may be null. */
public record ChatRoom(long id, String key, String identifier, String type, String status, String name,
        List<Member> members) {

    public static final String PENDING = "PENDING";
    public static final String ACTIVE = "ACTIVE";

    /** A member; status ACTIVE, PENDING_ADD or PENDING_REMOVE. */
    public record Member(String user, String status, ChatRole role) {
    }

    public boolean pending() {
        return PENDING.equals(status);
    }

    public List<String> users(String memberStatus) {
        return members.stream().filter(m -> m.status().equals(memberStatus)).map(Member::user).toList();
    }

    /** The user's role while a member (being removed counts as gone). */
    public Optional<ChatRole> roleOf(String user) {
        return members.stream().filter(m -> m.user().equals(user) && !m.status().equals(ChatRoomStore.PENDING_REMOVE))
                .map(Member::role).findFirst();
    }

    /** Owners who stay (not being removed). */
    public List<String> owners() {
        return members.stream().filter(m -> m.role() == ChatRole.OWNER && !m.status().equals(ChatRoomStore.PENDING_REMOVE))
                .map(Member::user).toList();
    }
}
