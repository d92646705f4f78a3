package io.switchboard.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.store.Database;
import io.switchboard.store.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChatRoomStoreTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void roomLifecycleRunsTheSameOnH2AndPostgres(String kind) {
        try (HikariDataSource ds = TestDatabases.migrated(kind)) {
            Database database = new Database(ds);
            database.update("INSERT INTO directory_user (username) VALUES ('a.one')");
            database.update("INSERT INTO directory_user (username, active) VALUES ('b.two', FALSE)");
            ChatRoomStore store = new ChatRoomStore(database);

            assertThat(store.insertPending("K-1", "group", List.of("a.one", "b.two"))).isTrue();
            assertThat(store.insertPending("K-1", "group", List.of())).as("same key twice").isFalse();
            ChatRoom pending = store.find("K-1").orElseThrow();
            assertThat(pending.pending()).isTrue();
            assertThat(pending.users(ChatRoomStore.PENDING_ADD)).containsExactly("a.one", "b.two");
            assertThat(store.depths()).containsEntry("pendingRooms", 1L).containsEntry("pendingMembers", 2L);

            store.activate(pending.id(), "i2a-1", List.of("a.one", "b.two"));
            store.markToAdd(pending.id(), List.of("c.three"));
            store.markToRemove(pending.id(), List.of("a.one"));
            store.membersAdded(pending.id(), List.of("c.three"));
            store.membersRemoved(pending.id(), List.of("a.one"));

            ChatRoom room = store.find("K-1").orElseThrow();
            assertThat(room.identifier()).isEqualTo("i2a-1");
            assertThat(room.users(ChatRoomStore.MEMBER_ACTIVE)).containsExactly("b.two", "c.three");
            assertThat(store.roomsOf("c.three")).extracting(ChatRoom::key).containsExactly("K-1");
            assertThat(store.roomsOf("a.one")).isEmpty();
            assertThat(new DirectoryUsers(database).unknownAmong(List.of("a.one", "b.two", "z.zed")))
                    .containsExactly("b.two", "z.zed");

            store.delete(room.id());
            assertThat(store.find("K-1")).isEmpty();
            assertThat(store.insertPending("K-1", "group", List.of())).as("key free again").isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void rolesNamesAndSessionsAreStoredTheSameOnH2AndPostgres(String kind) {
        try (HikariDataSource ds = TestDatabases.migrated(kind)) {
            Database database = new Database(ds);
            ChatRoomStore store = new ChatRoomStore(database);
            Map<String, ChatRole> members = new LinkedHashMap<>();
            members.put("o.wner", ChatRole.OWNER);
            members.put("m.ember", ChatRole.MEMBER);
            store.insertPending("K-2", "group", "Team", members);
            long id = store.find("K-2").orElseThrow().id();
            store.markToAdd(id, List.of("a.dmin"), ChatRole.ADMIN);
            store.changeRole(id, List.of("m.ember"), ChatRole.OWNER);
            store.rename(id, "Night shift");

            ChatRoom room = store.find("K-2").orElseThrow();
            assertThat(room.name()).isEqualTo("Night shift");
            assertThat(room.members()).extracting(m -> m.user() + ":" + m.role().value())
                    .containsExactly("a.dmin:admin", "m.ember:owner", "o.wner:owner");
            assertThat(room.owners()).containsExactly("m.ember", "o.wner");

            ChatSessionStore sessions = new ChatSessionStore(database);
            sessions.opened("o.wner", "phone");
            sessions.opened("o.wner", "phone");
            sessions.opened("o.wner", "web");
            assertThat(sessions.devicesOf("o.wner")).containsExactly("phone", "web");
            sessions.closed("o.wner", "phone");
            assertThat(sessions.devicesOf("o.wner")).containsExactly("web");
        }
    }
}
