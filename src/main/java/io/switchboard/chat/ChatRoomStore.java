package io.switchboard.chat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.switchboard.store.Database;

/**
 * chat_room / chat_room_member. Intent is committed first (room PENDING, member PENDING_ADD /
 * PENDING_REMOVE); I2A's result is committed in one transaction with the rows it completes.
 */
public class ChatRoomStore {

    public static final String MEMBER_ACTIVE = "ACTIVE";
    public static final String PENDING_ADD = "PENDING_ADD";
    public static final String PENDING_REMOVE = "PENDING_REMOVE";

    private final Database database;

    public ChatRoomStore(Database database) {
        this.database = database;
    }

    public Optional<ChatRoom> find(String key) {
        return database.queryOne("SELECT id, room_key, i2a_identifier, room_type, status, room_name FROM chat_room"
                        + " WHERE room_key = ?",
                rs -> new ChatRoom(rs.getLong("id"), rs.getString("room_key"), rs.getString("i2a_identifier"),
                        rs.getString("room_type"), rs.getString("status"), rs.getString("room_name"), List.of()), key)
                .map(room -> new ChatRoom(room.id(), room.key(), room.identifier(), room.type(), room.status(),
                        room.name(), members(room.id())));
    }

    private List<ChatRoom.Member> members(long roomId) {
        return database.query("SELECT user_identifier, status, member_role FROM chat_room_member WHERE room_id = ?"
                        + " ORDER BY user_identifier",
                rs -> new ChatRoom.Member(rs.getString(1), rs.getString(2), ChatRole.fromStored(rs.getString(3))), roomId);
    }

    /** Records a room to create, its members all MEMBER, as PENDING; false when the key exists already. */
    public boolean insertPending(String key, String type, List<String> users) {
        Map<String, ChatRole> roles = new LinkedHashMap<>();
        users.forEach(u -> roles.put(u, ChatRole.MEMBER));
        return insertPending(key, type, null, roles);
    }

    /** Records a room to create, with its name and members by role, as PENDING; false when the key exists already. */
    public boolean insertPending(String key, String type, String name, Map<String, ChatRole> members) {
        try {
            database.inTransaction(c -> {
                long id = Database.insert(c, "INSERT INTO chat_room (room_key, room_type, status, room_name) VALUES (?, ?, ?, ?)",
                        key, type, ChatRoom.PENDING, name);
                for (Map.Entry<String, ChatRole> member : members.entrySet()) {
                    Database.update(c, "INSERT INTO chat_room_member (room_id, user_identifier, status, member_role)"
                            + " VALUES (?, ?, ?, ?)", id, member.getKey(), PENDING_ADD, member.getValue().value());
                }
                return id;
            });
            return true;
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /** I2A created the room: identifier, ACTIVE room and ACTIVE members in one commit. */
    public void activate(long roomId, String identifier, List<String> createdWith) {
        database.inTransaction(c -> {
            Database.update(c, "UPDATE chat_room SET i2a_identifier = ?, status = ?, updated_at = ? WHERE id = ?",
                    identifier, ChatRoom.ACTIVE, Instant.now(), roomId);
            markActive(c, roomId, createdWith);
            return null;
        });
    }

    /** Records members to add (those not yet in the room) as MEMBER. */
    public void markToAdd(long roomId, List<String> users) {
        markToAdd(roomId, users, ChatRole.MEMBER);
    }

    /** Records members to add (those not yet in the room) with a role. */
    public void markToAdd(long roomId, List<String> users, ChatRole role) {
        database.inTransaction(c -> {
            for (String user : users) {
                int updated = Database.update(c, "UPDATE chat_room_member SET status = ?, member_role = ? WHERE room_id = ?"
                                + " AND user_identifier = ? AND status = ?",
                        PENDING_ADD, role.value(), roomId, user, PENDING_REMOVE);
                if (updated == 0 && Database.query(c, "SELECT 1 FROM chat_room_member WHERE room_id = ? AND user_identifier = ?",
                        rs -> 1, roomId, user).isEmpty()) {
                    Database.update(c, "INSERT INTO chat_room_member (room_id, user_identifier, status, member_role)"
                            + " VALUES (?, ?, ?, ?)", roomId, user, PENDING_ADD, role.value());
                }
            }
            return null;
        });
    }

    /** Gives members a new role (a hub-side fact: I2A has no roles). */
    public void changeRole(long roomId, List<String> users, ChatRole role) {
        database.inTransaction(c -> {
            for (String user : users) {
                Database.update(c, "UPDATE chat_room_member SET member_role = ? WHERE room_id = ? AND user_identifier = ?",
                        role.value(), roomId, user);
            }
            return null;
        });
    }

    /** The room's display name (hub-side: I2A has no rename call). */
    public void rename(long roomId, String name) {
        database.update("UPDATE chat_room SET room_name = ?, updated_at = ? WHERE id = ?", name, Instant.now(), roomId);
    }

    /** I2A added them. */
    public void membersAdded(long roomId, List<String> users) {
        database.inTransaction(c -> {
            markActive(c, roomId, users);
            return null;
        });
    }

    public void markToRemove(long roomId, List<String> users) {
        database.inTransaction(c -> {
            for (String user : users) {
                Database.update(c, "UPDATE chat_room_member SET status = ? WHERE room_id = ? AND user_identifier = ?",
                        PENDING_REMOVE, roomId, user);
            }
            return null;
        });
    }

    /** I2A removed them. */
    public void membersRemoved(long roomId, List<String> users) {
        database.inTransaction(c -> {
            for (String user : users) {
                Database.update(c, "DELETE FROM chat_room_member WHERE room_id = ? AND user_identifier = ? AND status = ?",
                        roomId, user, PENDING_REMOVE);
            }
            return null;
        });
    }

    /** I2A deleted the room (or never had it): the key is free again. */
    public void delete(long roomId) {
        database.update("DELETE FROM chat_room WHERE id = ?", roomId);
    }

    /** Rooms a user is a member of (pending additions included, pending removals not). */
    public List<ChatRoom> roomsOf(String user) {
        List<String> keys = database.query("SELECT r.room_key FROM chat_room r JOIN chat_room_member m ON m.room_id = r.id "
                + "WHERE m.user_identifier = ? AND m.status <> ? ORDER BY r.room_key", rs -> rs.getString(1), user, PENDING_REMOVE);
        return keys.stream().map(this::find).flatMap(Optional::stream).toList();
    }

    /** Rooms with any row for the user, pending removals included (a departure interrupted by I2A trouble). */
    public List<ChatRoom> roomsWithMember(String user) {
        List<String> keys = database.query("SELECT r.room_key FROM chat_room r JOIN chat_room_member m ON m.room_id = r.id "
                + "WHERE m.user_identifier = ? ORDER BY r.room_key", rs -> rs.getString(1), user);
        return keys.stream().map(this::find).flatMap(Optional::stream).toList();
    }

    public Map<String, Long> depths() {
        Map<String, Long> depths = new LinkedHashMap<>();
        depths.put("pendingRooms", database.count("SELECT COUNT(*) FROM chat_room WHERE status = ?", ChatRoom.PENDING));
        depths.put("pendingMembers", database.count("SELECT COUNT(*) FROM chat_room_member WHERE status <> ?", MEMBER_ACTIVE));
        return depths;
    }

    private static void markActive(Connection c, long roomId, List<String> users) throws SQLException {
        for (String user : users) {
            Database.update(c, "UPDATE chat_room_member SET status = ? WHERE room_id = ? AND user_identifier = ? AND status = ?",
                    MEMBER_ACTIVE, roomId, user, PENDING_ADD);
        }
    }
}
