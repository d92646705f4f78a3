package io.switchboard.ion;

import static io.switchboard.ion.ImsMultipart.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.switchboard.TestHub;
import io.switchboard.store.Direction;
import io.switchboard.store.DiskSync;
import io.switchboard.store.MessageStore;
import org.junit.jupiter.api.Test;

/** hub.db.fsync=true: the IMS group commit is forced to the device, then acknowledged as before. */
class ImsFsyncTest {

    @Test
    void withFsyncEveryAcknowledgedMessageIsStoredAndTheStoreFileIsSynced() {
        try (TestHub hub = TestHub.start(Map.of(
                "hub.db.fsync", "true",
                "hub.ims.auth.mode", "basic",
                "hub.ims.auth.user", ImsMultipart.USER,
                "hub.ims.auth.password", ImsMultipart.PASSWORD,
                "hub.ims.tenants", ImsMultipart.TENANT))) {
            for (int i = 0; i < 5; i++) {
                String id = ImsMultipart.newMessageId();
                byte[] body = ImsMultipart.body(ImsMultipart.parameters("SyncSalesOrder", id, "NONE"),
                        ImsMultipart.fixture("SyncSalesOrder.xml").getBytes(StandardCharsets.UTF_8), false);
                HttpResponse<String> response = hub.send(post(hub.url("/ims/service/v3/multipartMessage"), body)
                        .build());
                assertThat(response.statusCode()).isEqualTo(202);
                assertThat(hub.bean("messageStore", MessageStore.class).find(Direction.IN, id)).isPresent();
            }
            DiskSync sync = DiskSync.forUrl(hub.context().resolvePropertyPlaceholders("{{hub.db.url}}"), true);
            assertThat(sync.enabled()).as("the H2 file URL of the test hub is synced").isTrue();
        }
    }

    @Test
    void onlyAnH2FileIsSyncedByTheHubPostgresFlushesItsOwnWal() {
        assertThat(DiskSync.forUrl("jdbc:h2:file:./data/switchboard;WRITE_DELAY=0", true).enabled()).isTrue();
        assertThat(DiskSync.forUrl("jdbc:h2:file:./data/switchboard;WRITE_DELAY=0", false).enabled()).isFalse();
        assertThat(DiskSync.forUrl("jdbc:postgresql://db:5432/switchboard", true).enabled()).isFalse();
        assertThat(DiskSync.forUrl("jdbc:h2:mem:x", true).enabled()).isFalse();
    }
}
