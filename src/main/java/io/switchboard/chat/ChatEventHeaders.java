package io.switchboard.chat;

/**
 * The contract of direct:chat-event: the body is the system message text; the room is found or
 * created by its business key and its members are synced before the message is posted.
 */
public final class ChatEventHeaders {

    public static final String ENDPOINT = "direct:chat-event";
    /** Business key of the room, e.g. a service order id ("WO-77"). Required. */
    public static final String ROOM_KEY = "ChatRoomKey";
    /** Comma-separated application user identifiers (directory usernames) who must be members. */
    public static final String MEMBERS = "ChatMembers";
    /** I2A room type for a new room; default hub.i2a.default-room-type. */
    public static final String ROOM_TYPE = "ChatRoomType";

    private ChatEventHeaders() {
    }
}
