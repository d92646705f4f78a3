package io.switchboard.ion;

import static io.switchboard.ion.ImsMultipart.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.switchboard.TestHub;
import io.switchboard.store.Direction;
import io.switchboard.store.DiskSync;
import io.switchboard.store.MessageStore;
import org.junit.jupiter.api.Test;

/** hub.db.fsync (on by default): every IMS group commit is forced to the device before its 202. */
class ImsFsyncTest {

    private static final int MESSAGES = 5;

    @Test
    void byDefaultEveryAcknowledgedMessageIsFsyncedBeforeItsAnswer() {
        try (TestHub hub = TestHub.start(imsSettings(Map.of()))) {
            postAndCheckStored(hub);
            // sequential requests: each 202 came after its own group commit, and each commit after an fsync
            assertThat(fsyncs(hub)).as("fsyncs of the store file for %s sequential messages", MESSAGES)
                    .isGreaterThanOrEqualTo(MESSAGES);
            DiskSync sync = DiskSync.forUrl(hub.context().resolvePropertyPlaceholders("{{hub.db.url}}"), true);
            assertThat(sync.enabled()).as("the H2 file URL of the test hub is synced").isTrue();
        }
    }

    @Test
    void fsyncOffStillStoresEveryAcknowledgedMessageWithoutForcingTheFile() {
        try (TestHub hub = TestHub.start(imsSettings(Map.of("hub.db.fsync", "false")))) {
            postAndCheckStored(hub);
            assertThat(fsyncs(hub)).as("fsyncs with hub.db.fsync=false").isZero();
        }
    }

    @Test
    void onlyAnH2FileIsSyncedByTheHubPostgresFlushesItsOwnWal() {
        assertThat(DiskSync.forUrl("jdbc:h2:file:./data/switchboard;WRITE_DELAY=0", true).enabled()).isTrue();
        assertThat(DiskSync.forUrl("jdbc:h2:file:./data/switchboard;WRITE_DELAY=0", false).enabled()).isFalse();
        assertThat(DiskSync.forUrl("jdbc:postgresql://db:5432/switchboard", true).enabled()).isFalse();
        assertThat(DiskSync.forUrl("jdbc:h2:mem:x", true).enabled()).isFalse();
    }

    private static Map<String, String> imsSettings(Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(Map.of(
                "hub.ims.auth.mode", "basic",
                "hub.ims.auth.user", ImsMultipart.USER,
                "hub.ims.auth.password", ImsMultipart.PASSWORD,
                "hub.ims.tenants", ImsMultipart.TENANT));
        all.putAll(extra);
        return all;
    }

    private static void postAndCheckStored(TestHub hub) {
        for (int i = 0; i < MESSAGES; i++) {
            String id = ImsMultipart.newMessageId();
            byte[] body = ImsMultipart.body(ImsMultipart.parameters("SyncSalesOrder", id, "NONE"),
                    ImsMultipart.fixture("SyncSalesOrder.xml").getBytes(StandardCharsets.UTF_8), false);
            HttpResponse<String> response = hub.send(post(hub.url("/ims/service/v3/multipartMessage"), body).build());
            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(hub.bean("messageStore", MessageStore.class).find(Direction.IN, id)).isPresent();
        }
    }

    private static double fsyncs(TestHub hub) {
        String metrics = hub.get("/observe/metrics").body();
        Matcher m = Pattern.compile("(?m)^switchboard_store_fsync_seconds_count(\\{[^}]*\\})? ([0-9.eE+]+)$")
                .matcher(metrics);
        assertThat(m.find()).as("switchboard_store_fsync_seconds_count in /observe/metrics").isTrue();
        return Double.parseDouble(m.group(2));
    }
}
