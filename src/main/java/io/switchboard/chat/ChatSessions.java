package io.switchboard.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.HubJson;
import io.switchboard.acrobits.DirectoryStore;
import io.switchboard.acrobits.DirectoryUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens and closes I2A sessions for directory users and remembers them (chat_session). custom_data
 * starts from the directory (displayName, avatar) and the caller's customData overrides it key by key.
 */
public class ChatSessions {

    private static final Logger LOG = LoggerFactory.getLogger(ChatSessions.class);
    private static final ObjectMapper JSON = HubJson.mapper();

    private final I2aClient i2a;
    private final ChatSessionStore store;
    private final DirectoryStore directory;

    public ChatSessions(I2aClient i2a, ChatSessionStore store, DirectoryStore directory) {
        this.i2a = i2a;
        this.store = store;
        this.directory = directory;
    }

    /** Opens a session; returns I2A's token. override may be null. */
    public String open(String user, String device, ObjectNode override, String fcmToken) {
        String customData = customData(user, override).toString();
        String token = i2a.openSession(user, device, customData, fcmToken);
        store.opened(user, device);
        LOG.info("event=chat-session-opened user={} device={}", user, device);
        return token;
    }

    public void close(String user, String device) {
        i2a.closeSession(user, device);
        store.closed(user, device);
        LOG.info("event=chat-session-closed user={} device={}", user, device);
    }

    /** Closes every session the hub opened for the user; returns how many. */
    public int closeAll(String user) {
        int closed = 0;
        for (String device : store.devicesOf(user)) {
            close(user, device);
            closed++;
        }
        return closed;
    }

    ObjectNode customData(String user, ObjectNode override) {
        ObjectNode data = JSON.createObjectNode();
        directory.findByUsername(user).ifPresent(u -> {
            data.put("displayName", displayName(u));
            if (u.avatarUrl() != null && !u.avatarUrl().isBlank()) {
                data.put("avatar", u.avatarUrl());
            }
        });
        if (override != null) {
            data.setAll(override);
        }
        return data;
    }

    private static String displayName(DirectoryUser u) {
        if (u.displayName() != null && !u.displayName().isBlank()) {
            return u.displayName();
        }
        String joined = ((u.firstName() == null ? "" : u.firstName()) + " " + (u.lastName() == null ? "" : u.lastName())).trim();
        return joined.isEmpty() ? u.username() : joined;
    }
}
