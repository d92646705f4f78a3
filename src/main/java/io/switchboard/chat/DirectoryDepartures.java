package io.switchboard.chat;

import java.util.List;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user left the directory (deactivated): remove them from every room, in I2A and here, and close
 * the I2A sessions the hub opened for them. Safe to repeat; a user active again by now is left alone,
 * and reactivation never re-adds anyone (rooms are joined again only through the API or chat events).
 */
public class DirectoryDepartures {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryDepartures.class);

    private final ChatRooms rooms;
    private final ChatSessions sessions;
    private final DirectoryUsers directory;
    private final ChatSessionStore sessionStore;
    private final boolean enabled;

    public DirectoryDepartures(ChatRooms rooms, ChatSessions sessions, ChatSessionStore sessionStore,
                               DirectoryUsers directory, boolean enabled) {
        this.rooms = rooms;
        this.sessions = sessions;
        this.sessionStore = sessionStore;
        this.directory = directory;
        this.enabled = enabled;
    }

    public void userDeactivated(Exchange exchange) {
        String user = exchange.getIn().getBody(String.class);
        if (user == null || user.isBlank()) {
            throw new InvalidChatEvent("a deactivated user event without a username");
        }
        if (directory.unknownAmong(List.of(user)).isEmpty()) {
            LOG.info("event=chat-user-departure-skipped user={} reason=active-again", user);
            return;
        }
        List<ChatRoom> memberOf = rooms.roomsWithMember(user);
        List<String> devices = sessionStore.devicesOf(user);
        if (memberOf.isEmpty() && devices.isEmpty()) {
            return;
        }
        if (!enabled) {
            throw new ChatDisabled();
        }
        for (ChatRoom room : memberOf) {
            rooms.removeMembers(room, List.of(user));
        }
        int closed = sessions.closeAll(user);
        LOG.info("event=chat-user-departed user={} rooms={} sessionsClosed={}", user, memberOf.size(), closed);
    }
}
