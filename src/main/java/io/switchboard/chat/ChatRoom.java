package io.switchboard.chat;

import java.util.List;

/** A room as our database knows it; identifier is null while the room is PENDING. */
public record ChatRoom(long id, String key, String identifier, String type, String status, List<Member> members) {

    public static final String PENDING = "PENDING";
    public static final String ACTIVE = "ACTIVE";

    /** A member; status ACTIVE, PENDING_ADD or PENDING_REMOVE. */
    public record Member(String user, String status) {
    }

    public boolean pending() {
        return PENDING.equals(status);
    }

    public List<String> users(String memberStatus) {
        return members.stream().filter(m -> m.status().equals(memberStatus)).map(Member::user).toList();
    }
}
