package io.switchboard.chat;

import java.util.Arrays;
import java.util.List;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one direct:chat-event: find or create the room for ChatRoomKey, add the ChatMembers who
 * are not in it yet (extra members are kept: people added through the API stay), post the body as a
 * system message. Members unknown to the directory are skipped with a warning. Safe to redeliver.
 */
public class ChatEvents {

    private static final Logger LOG = LoggerFactory.getLogger(ChatEvents.class);

    private final ChatRooms rooms;
    private final DirectoryUsers directory;
    private final String defaultRoomType;
    private final boolean enabled;

    public ChatEvents(ChatRooms rooms, DirectoryUsers directory, String defaultRoomType, boolean enabled) {
        this.rooms = rooms;
        this.directory = directory;
        this.defaultRoomType = defaultRoomType;
        this.enabled = enabled;
    }

    public void deliver(Exchange exchange) {
        if (!enabled) {
            throw new ChatDisabled();
        }
        var in = exchange.getIn();
        String key = in.getHeader(ChatEventHeaders.ROOM_KEY, String.class);
        String text = in.getBody(String.class);
        if (key == null || key.isBlank()) {
            throw new InvalidChatEvent("header " + ChatEventHeaders.ROOM_KEY + " is required");
        }
        if (text == null || text.isBlank()) {
            throw new InvalidChatEvent("the body (system message text) is empty");
        }
        String type = in.getHeader(ChatEventHeaders.ROOM_TYPE, defaultRoomType, String.class);
        List<String> wanted = parseMembers(in.getHeader(ChatEventHeaders.MEMBERS, String.class));
        List<String> unknown = directory.unknownAmong(wanted);
        if (!unknown.isEmpty()) {
            LOG.warn("event=chat-event-members-skipped roomKey={} unknownUsers={}", key, String.join(",", unknown));
        }
        List<String> members = wanted.stream().filter(u -> !unknown.contains(u)).toList();

        ChatRoom room = rooms.findOrCreate(key.trim(), type == null || type.isBlank() ? defaultRoomType : type, members);
        room = rooms.addMembers(room, members);
        rooms.sendSystemMessage(room, text);
    }

    static List<String> parseMembers(String header) {
        if (header == null) {
            return List.of();
        }
        return Arrays.stream(header.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
