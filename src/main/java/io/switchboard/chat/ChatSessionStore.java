package io.switchboard.chat;

import java.time.Instant;
import java.util.List;

import io.switchboard.store.Database;

/** chat_session: the I2A sessions the hub opened (user, device), so they can be closed when a user goes. */
public class ChatSessionStore {

    private final Database database;

    public ChatSessionStore(Database database) {
        this.database = database;
    }

    public void opened(String user, String device) {
        database.inTransaction(c -> {
            int updated = Database.update(c, "UPDATE chat_session SET opened_at = ? WHERE user_identifier = ?"
                    + " AND device_identifier = ?", Instant.now(), user, device);
            if (updated == 0) {
                Database.update(c, "INSERT INTO chat_session (user_identifier, device_identifier, opened_at)"
                        + " VALUES (?, ?, ?)", user, device, Instant.now());
            }
            return null;
        });
    }

    public void closed(String user, String device) {
        database.update("DELETE FROM chat_session WHERE user_identifier = ? AND device_identifier = ?", user, device);
    }

    public List<String> devicesOf(String user) {
        return database.query("SELECT device_identifier FROM chat_session WHERE user_identifier = ?"
                + " ORDER BY device_identifier", rs -> rs.getString(1), user);
    }
}
