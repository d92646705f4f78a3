package io.switchboard.chat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.switchboard.store.Database;

/** Which usernames are active users of the directory: only they can be chat members. */
public class DirectoryUsers {

    private final Database database;

    public DirectoryUsers(Database database) {
        this.database = database;
    }

    /** The given usernames that are not active directory users, in the given order. */
    public List<String> unknownAmong(List<String> usernames) {
        if (usernames.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", usernames.stream().map(u -> "?").toList());
        Set<String> known = new HashSet<>(database.query(
                "SELECT username FROM directory_user WHERE active = TRUE AND username IN (" + marks + ")",
                rs -> rs.getString(1), usernames.toArray()));
        return usernames.stream().filter(u -> !known.contains(u)).toList();
    }
}
