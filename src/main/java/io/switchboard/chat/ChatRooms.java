package io.switchboard.chat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.switchboard.store.KeyLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rooms and members, kept in step between our database (the truth) and I2A. Every change is
 * first recorded as pending, then sent to I2A, then completed in one commit with I2A's answer;
 * a failed call leaves the pending rows, and the next call for the room completes them.
 */
public class ChatRooms {

    private static final Logger LOG = LoggerFactory.getLogger(ChatRooms.class);

    private final ChatRoomStore store;
    private final I2aClient i2a;
    // one room's changes run one at a time across all hub instances, so two events for a new key create one I2A room
    private final KeyLock roomLock;

    public ChatRooms(ChatRoomStore store, I2aClient i2a, KeyLock roomLock) {
        this.store = store;
        this.i2a = i2a;
        this.roomLock = roomLock;
    }

    private <T> T locked(String key, Supplier<T> work) {
        return roomLock.locked(key, work);
    }

    public Optional<ChatRoom> find(String key) {
        return store.find(key);
    }

    public List<ChatRoom> roomsOf(String user) {
        return store.roomsOf(user);
    }

    /** Rooms where the user still has a row, removals not yet confirmed by I2A included. */
    public List<ChatRoom> roomsWithMember(String user) {
        return store.roomsWithMember(user);
    }

    /** Finds the room for the key or creates it (members all MEMBER); a PENDING room is completed; returns it ACTIVE. */
    public ChatRoom findOrCreate(String key, String type, List<String> users) {
        Map<String, ChatRole> members = new LinkedHashMap<>();
        users.forEach(u -> members.put(u, ChatRole.MEMBER));
        return findOrCreate(key, type, null, members);
    }

    /** Finds the room for the key or creates it with a name and members by role; returns it ACTIVE. */
    public ChatRoom findOrCreate(String key, String type, String name, Map<String, ChatRole> members) {
        return locked(key, () -> findOrCreateLocked(key, type, name, members));
    }

    private ChatRoom findOrCreateLocked(String key, String type, String name, Map<String, ChatRole> members) {
        ChatRoom room = store.find(key).orElse(null);
        if (room == null) {
            if (store.insertPending(key, type, name, members)) {
                LOG.info("event=chat-room-pending roomKey={} type={} members={}", key, type, members.size());
            }
            room = store.find(key).orElseThrow();
        }
        return room.pending() ? complete(room) : room;
    }

    /** Creates a PENDING room in I2A with the members recorded for it, then commits the result. */
    private ChatRoom complete(ChatRoom room) {
        List<String> users = room.users(ChatRoomStore.PENDING_ADD);
        String identifier = i2a.createRoom(room.type(), users);
        store.activate(room.id(), identifier, users);
        LOG.info("event=chat-room-created roomKey={} i2aRoom={} members={}", room.key(), identifier, users.size());
        return syncPending(store.find(room.key()).orElseThrow());
    }

    /** Adds the users who are not members yet (as MEMBER), and completes earlier additions and removals. */
    public ChatRoom addMembers(ChatRoom room, List<String> users) {
        return addMembers(room, users, ChatRole.MEMBER);
    }

    /** Adds the users who are not members yet with the role, and completes earlier additions and removals. */
    public ChatRoom addMembers(ChatRoom room, List<String> users, ChatRole role) {
        return locked(room.key(), () -> addMembersLocked(store.find(room.key()).orElseThrow(), users, role));
    }

    private ChatRoom addMembersLocked(ChatRoom room, List<String> users, ChatRole role) {
        List<String> present = room.members().stream()
                .filter(m -> !m.status().equals(ChatRoomStore.PENDING_REMOVE)).map(ChatRoom.Member::user).toList();
        List<String> missing = users.stream().filter(u -> !present.contains(u)).distinct().toList();
        if (!missing.isEmpty()) {
            store.markToAdd(room.id(), missing, role);
        }
        return syncPending(store.find(room.key()).orElseThrow());
    }

    /** Gives present members a role; hub-side only (I2A has no roles). */
    public ChatRoom changeRole(ChatRoom room, List<String> users, ChatRole role) {
        return locked(room.key(), () -> {
            store.changeRole(room.id(), users, role);
            LOG.info("event=chat-members-role-changed roomKey={} role={} count={}", room.key(), role.value(), users.size());
            return store.find(room.key()).orElseThrow();
        });
    }

    /** Renames the room; hub-side only (I2A has no rename call). */
    public ChatRoom rename(ChatRoom room, String name) {
        return locked(room.key(), () -> {
            store.rename(room.id(), name);
            LOG.info("event=chat-room-renamed roomKey={}", room.key());
            return store.find(room.key()).orElseThrow();
        });
    }

    public ChatRoom removeMembers(ChatRoom room, List<String> users) {
        return locked(room.key(), () -> removeMembersLocked(store.find(room.key()).orElseThrow(), users));
    }

    private ChatRoom removeMembersLocked(ChatRoom room, List<String> users) {
        List<String> present = room.members().stream().map(ChatRoom.Member::user).filter(users::contains).toList();
        if (!present.isEmpty()) {
            store.markToRemove(room.id(), present);
        }
        return syncPending(store.find(room.key()).orElseThrow());
    }

    /** Sends I2A the member changes still pending for an ACTIVE room. */
    private ChatRoom syncPending(ChatRoom room) {
        if (room.pending()) {
            return complete(room);
        }
        List<String> toAdd = room.users(ChatRoomStore.PENDING_ADD);
        if (!toAdd.isEmpty()) {
            i2a.addUsers(room.identifier(), toAdd);
            store.membersAdded(room.id(), toAdd);
            LOG.info("event=chat-members-added roomKey={} count={}", room.key(), toAdd.size());
        }
        List<String> toRemove = room.users(ChatRoomStore.PENDING_REMOVE);
        if (!toRemove.isEmpty()) {
            i2a.removeUsers(room.identifier(), toRemove);
            store.membersRemoved(room.id(), toRemove);
            LOG.info("event=chat-members-removed roomKey={} count={}", room.key(), toRemove.size());
        }
        return toAdd.isEmpty() && toRemove.isEmpty() ? room : store.find(room.key()).orElseThrow();
    }

    public void delete(ChatRoom room) {
        locked(room.key(), () -> {
            deleteLocked(room);
            return null;
        });
    }

    private void deleteLocked(ChatRoom room) {
        if (room.identifier() != null) {
            i2a.deleteRoom(room.identifier());
        }
        store.delete(room.id());
        LOG.info("event=chat-room-deleted roomKey={} i2aRoom={}", room.key(), room.identifier());
    }

    /** Posts a system message; a room still PENDING is created first. */
    public ChatRoom sendSystemMessage(ChatRoom room, String message) {
        ChatRoom ready = locked(room.key(), () -> syncPending(store.find(room.key()).orElseThrow()));
        i2a.sendSystemMessage(ready.identifier(), message);
        LOG.info("event=chat-system-message-sent roomKey={} i2aRoom={} length={}", ready.key(), ready.identifier(),
                message.length());
        return ready;
    }
}
