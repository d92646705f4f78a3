package io.switchboard.ion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.switchboard.TestHub;
import io.switchboard.store.Direction;
import io.switchboard.store.MessageEvent;
import io.switchboard.store.MessageStore;
import io.switchboard.store.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The intake stores each row with this instance's dispatch lease (no claim write), and the final statuses
 * of the messages the workers have in hand share commits with each other and with the rows being stored
 * (fewer commits than writes, visible in /observe/metrics); batching loses nothing: every message ends
 * UNROUTED with its journey (RECEIVED, UNROUTED) and no claim left behind. Routing at intake is off here, so
 * every message goes through the workers (UnroutedAtIntakeTest: with it on, none of these does).
 */
class DispatchBatchingTest {

    private static final int MESSAGES = 120;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void aBurstIsDispatchedWithSharedCommitsAndEveryMessageKeepsItsStatusAndJourney(String kind) throws Exception {
        try (TestHub hub = TestHub.start(Map.of(
                "hub.db.url", "postgres".equals(kind) ? TestDatabases.freshPostgresSchema() : TestDatabases.h2Url(),
                "hub.ims.auth.mode", "basic",
                "hub.ims.auth.user", ImsMultipart.USER,
                "hub.ims.auth.password", ImsMultipart.PASSWORD,
                // the dispatch worker's path: with routing at intake an unrouted message never reaches it
                "hub.ims.dispatch.route-at-intake", "false"))) {
            List<String> ids = ImsMultipart.postSalesOrders(hub, MESSAGES);
            MessageStore store = hub.bean("messageStore", MessageStore.class);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    store.countByStatus(Direction.IN, DispatchStatus.UNROUTED) == MESSAGES);

            for (String id : ids) {
                var m = store.find(Direction.IN, id).orElseThrow();
                assertThat(store.events(m.id())).extracting(MessageEvent::event)
                        .containsExactly(InboundReceiver.STATUS_RECEIVED, DispatchStatus.UNROUTED);
            }
            assertThat(store.database().count("SELECT COUNT(*) FROM message WHERE claimed_by IS NOT NULL"))
                    .as("claims left behind").isZero();
            String metrics = hub.get("/observe/metrics").body();
            double writes = counter(metrics, "switchboard_dispatch_status_writes_total");
            double commits = counter(metrics, "switchboard_dispatch_status_commits_total");
            // the intake stored each row with this instance's lease: no claim write, only the final status
            assertThat(writes).as("one final status per message, no claim").isEqualTo(1.0 * MESSAGES);
            assertThat(commits).as("commits for %s writes", writes).isLessThan(writes);
            // new rows and dispatch statuses share the one group commit
            double storeWrites = counter(metrics, "switchboard_store_writes_total");
            double storeCommits = counter(metrics, "switchboard_store_commits_total");
            assertThat(storeWrites).as("rows stored + statuses written").isEqualTo(2.0 * MESSAGES);
            assertThat(storeCommits).as("transactions for %s writes", storeWrites).isLessThan(storeWrites);
        }
    }

    private static double counter(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+]+)$").matcher(metrics);
        assertThat(m.find()).as(name + " in /observe/metrics").isTrue();
        return Double.parseDouble(m.group(2));
    }
}
