package io.switchboard.ion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.store.Database;
import io.switchboard.store.MessageStore;
import io.switchboard.store.Migrations;
import io.switchboard.store.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OutboxStoreTest {

    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final String BOD = "<SyncSalesOrder/>";

    private HikariDataSource dataSource;

    @AfterEach
    void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    private OutboxStore store(String kind, String instance) {
        return store(kind, instance, OutboxOrderingKey.DOCUMENT_NAME);
    }

    private OutboxStore store(String kind, String instance, OutboxOrderingKey key) {
        if (dataSource == null) {
            dataSource = TestDatabases.open(kind);
            Migrations.migrate(dataSource);
        }
        Database db = new Database(dataSource);
        return new OutboxStore(db, new MessageStore(db), instance, key);
    }

    private static String order(String id) {
        return "<SyncSalesOrder><DataArea><SalesOrder><SalesOrderHeader><DocumentID><ID>" + id
                + "</ID></DocumentID></SalesOrderHeader></SalesOrder></DataArea></SyncSalesOrder>";
    }

    @ParameterizedTest
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void aLaneHoldsConsecutiveMessagesOfOneKeyInEnqueueOrder(String kind) {
        OutboxStore outbox = store(kind, "a");
        List<String> sales = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sales.add(outbox.enqueue("SyncSalesOrder", null, null, BOD, "T", "lid://x"));
        }
        String service = outbox.enqueue("SyncServiceOrder", null, null, BOD, "T", "lid://x");

        List<List<OutboxMessage>> lanes = outbox.claimLanes(8, 3, LEASE);

        assertThat(lanes).hasSize(2);
        List<OutboxMessage> salesLane = lanes.stream().filter(l -> l.get(0).documentName().equals("SyncSalesOrder"))
                .findFirst().orElseThrow();
        assertThat(salesLane).extracting(OutboxMessage::messageId).containsExactlyElementsOf(sales.subList(0, 3));
        assertThat(lanes).anySatisfy(l -> assertThat(l).extracting(OutboxMessage::messageId).containsExactly(service));
        assertThat(outbox.claimLanes(8, 3, LEASE)).as("a key with a lane out is skipped").isEmpty();

        // the first went out, the second failed: the third comes back unattempted, the second first in line
        outbox.markSent(List.of(salesLane.get(0)));
        outbox.release(salesLane.get(1), "503");
        outbox.unclaim(salesLane.subList(2, 3));
        outbox.endLane(salesLane);
        List<List<OutboxMessage>> again = outbox.claimLanes(8, 10, LEASE);
        assertThat(again).hasSize(1);
        assertThat(again.get(0)).extracting(OutboxMessage::messageId).containsExactlyElementsOf(sales.subList(1, 5));
        assertThat(again.get(0)).extracting(OutboxMessage::attempts).containsExactly(2, 1, 1, 1);
    }

    @ParameterizedTest
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void orderedByDocumentIdUnrelatedOrdersOfOneTypeGoInParallel(String kind) {
        OutboxStore outbox = store(kind, "a", OutboxOrderingKey.DOCUMENT_ID);
        String a1 = outbox.enqueue("SyncSalesOrder", null, null, order("SO-1"), "T", "lid://x");
        outbox.enqueue("SyncSalesOrder", null, null, order("SO-1"), "T", "lid://x");
        String b1 = outbox.enqueue("SyncSalesOrder", null, null, order("SO-2"), "T", "lid://x");
        String noId = outbox.enqueue("SyncSalesOrder", null, null, BOD, "T", "lid://x");

        List<OutboxMessage> claimed = outbox.claim(10, LEASE);

        assertThat(claimed).extracting(OutboxMessage::messageId).containsExactlyInAnyOrder(a1, b1, noId);
    }

    @ParameterizedTest
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void queueDepthsAreExactBelowTheLimitAndStopCountingAtIt(String kind) {
        OutboxStore outbox = store(kind, "a");
        for (int i = 0; i < 7; i++) {
            outbox.enqueue("Doc" + (i % 3), null, null, BOD, "T", "lid://x");
        }
        outbox.hold(outbox.claim(1, LEASE).get(0), "not accepted");

        assertThat(outbox.queueDepths(10)).containsEntry("queued", 6L).containsEntry("held", 1L);
        assertThat(outbox.queueDepths(4)).as("at the limit: at least that many")
                .containsEntry("queued", 4L).containsEntry("held", 1L);
        assertThat(outbox.count(OutboxStore.QUEUED)).as("the exact count is still there").isEqualTo(6);
    }

    @ParameterizedTest
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void everyKeyGetsItsTurnWhenThereAreMoreKeysThanLanes(String kind) {
        OutboxStore outbox = store(kind, "a");
        for (int i = 0; i < 6; i++) {
            outbox.enqueue("Doc" + i, null, null, BOD, "T", "lid://x");
            outbox.enqueue("Doc" + i, null, null, BOD, "T", "lid://x");
        }
        Set<String> served = new HashSet<>();
        for (int round = 0; round < 3; round++) {
            List<OutboxMessage> batch = outbox.claim(2, LEASE);
            assertThat(batch).hasSize(2);
            batch.forEach(m -> served.add(m.documentName()));
            outbox.markSent(batch);
            batch.forEach(m -> outbox.endLane(List.of(m)));
        }
        assertThat(served).as("the claim continues where the last one stopped").hasSize(6);
    }

    @ParameterizedTest
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void onlyTheOldestUnsentMessageOfADocumentNameIsClaimed(String kind) {
        OutboxStore outbox = store(kind, "a");
        String first = outbox.enqueue("SyncSalesOrder", null, null, BOD, "T", "lid://x");
        outbox.enqueue("SyncSalesOrder", null, null, BOD, "T", "lid://x");
        String other = outbox.enqueue("SyncServiceOrder", null, null, BOD, "T", "lid://x");

        List<OutboxMessage> claimed = outbox.claim(10, LEASE);

        assertThat(claimed).extracting(OutboxMessage::messageId).containsExactly(first, other);
        assertThat(outbox.claim(10, LEASE)).as("claimed rows are leased, followers wait").isEmpty();

        outbox.markSent(claimed.get(0));
        outbox.endLane(List.of(claimed.get(0)));
        List<OutboxMessage> next = outbox.claim(10, LEASE);
        assertThat(next).hasSize(1);
        assertThat(next.get(0).documentName()).isEqualTo("SyncSalesOrder");
        assertThat(next.get(0).attempts()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void aHeldMessageKeepsLaterOnesOfItsDocumentWaiting(String kind) {
        OutboxStore outbox = store(kind, "a");
        outbox.enqueue("SyncSalesOrder", null, null, BOD, "T", "lid://x");
        String second = outbox.enqueue("SyncSalesOrder", null, null, BOD, "T", "lid://x");

        OutboxMessage first = outbox.claim(10, LEASE).get(0);
        outbox.hold(first, "not accepted");
        outbox.endLane(List.of(first));

        assertThat(outbox.claim(10, LEASE)).isEmpty();
        assertThat(outbox.releaseHeld(Set.of("SyncSalesOrder"))).isEqualTo(1);
        List<OutboxMessage> released = outbox.claim(10, LEASE);
        assertThat(released).hasSize(1);
        assertThat(released.get(0).messageId()).isNotEqualTo(second);
    }

    @ParameterizedTest
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void aCrashedInstancesClaimComesBackWhenItsLeaseExpires(String kind) {
        OutboxStore crashed = store(kind, "crashed");
        OutboxStore survivor = store(kind, "survivor");
        String id = crashed.enqueue("SyncSalesOrder", null, null, BOD, "T", "lid://x");

        assertThat(crashed.claim(10, Duration.ofMillis(-1))).hasSize(1);

        // lease already over: the survivor takes the key over; the crashed attempt left no outcome, so the
        // survivor's is attempt 1 of the row (attempts count attempts whose outcome was written)
        List<OutboxMessage> taken = survivor.claim(10, LEASE);
        assertThat(taken).extracting(OutboxMessage::messageId).containsExactly(id);
        assertThat(taken.get(0).attempts()).isEqualTo(1);
        assertThat(leaseHolders()).containsExactly(Map.entry("SyncSalesOrder", "survivor"));
    }

    @ParameterizedTest
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void twoConcurrentClaimersNeverGetTheSameRow(String kind) throws Exception {
        OutboxStore a = store(kind, "a");
        OutboxStore b = store(kind, "b");
        int documents = 40;
        for (int i = 0; i < documents; i++) {
            for (int j = 0; j < 3; j++) {
                a.enqueue("Doc" + i, null, null, BOD, "T", "lid://x");
            }
        }
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<String> duplicates = new ArrayList<>();
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (OutboxStore claimer : List.of(a, b)) {
                runs.add(pool.submit((Callable<Integer>) () -> {
                    start.await();
                    int mine = 0;
                    for (int round = 0; round < 200; round++) {
                        List<OutboxMessage> batch = claimer.claim(3, LEASE);
                        for (OutboxMessage m : batch) {
                            if (!seen.add(m.messageId())) {
                                synchronized (duplicates) {
                                    duplicates.add(m.messageId());
                                }
                            }
                            claimer.markSent(m);
                            claimer.endLane(List.of(m));
                            mine++;
                        }
                    }
                    return mine;
                }));
            }
            int total = 0;
            for (Future<Integer> run : runs) {
                total += run.get();
            }
            assertThat(duplicates).isEmpty();
            assertThat(total).isEqualTo(documents * 3);
            assertThat(new HashSet<>(seen)).hasSize(documents * 3);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void theClaimLeasesTheKeyInOneRowAndLeavesTheMessageRowsAlone(String kind) {
        OutboxStore a = store(kind, "a");
        OutboxStore b = store(kind, "b");
        List<String> sales = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sales.add(a.enqueue("SyncSalesOrder", null, null, BOD, "T", "lid://x"));
        }

        List<List<OutboxMessage>> lanes = a.claimLanes(8, 2, LEASE);

        assertThat(lanes).hasSize(1);
        assertThat(leaseHolders()).containsExactly(Map.entry("SyncSalesOrder", "a"));
        assertThat(rowLeases()).as("no message row rewritten by the claim").isZero();
        assertThat(b.claimLanes(8, 2, LEASE)).as("the key's later rows wait for a's lane, not only its claimed ones")
                .isEmpty();

        a.markSent(lanes.get(0));
        assertThat(b.claimLanes(8, 2, LEASE)).as("until a's lane has ended").isEmpty();
        a.endLane(lanes.get(0));
        assertThat(leaseHolders()).isEmpty();
        List<List<OutboxMessage>> next = b.claimLanes(8, 2, LEASE);
        assertThat(next).hasSize(1);
        assertThat(next.get(0)).extracting(OutboxMessage::messageId).containsExactlyElementsOf(sales.subList(2, 4));
        assertThat(leaseHolders()).containsExactly(Map.entry("SyncSalesOrder", "b"));
    }

    @ParameterizedTest
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void anExpiredKeyLeaseIsTakenOverOnceAndTheLateHolderCannotGiveItBack(String kind) {
        OutboxStore crashed = store(kind, "crashed");
        OutboxStore b = store(kind, "b");
        OutboxStore c = store(kind, "c");
        String first = crashed.enqueue("SyncSalesOrder", null, null, BOD, "T", "lid://x");
        List<OutboxMessage> lost = crashed.claim(10, Duration.ofMillis(-1));

        List<OutboxMessage> taken = b.claim(10, LEASE);

        assertThat(taken).extracting(OutboxMessage::messageId).containsExactly(first);
        assertThat(c.claim(10, LEASE)).as("taken over by one instance only").isEmpty();
        crashed.endLane(lost);
        assertThat(leaseHolders()).as("a late end of the old lane leaves the new holder's lease")
                .containsExactly(Map.entry("SyncSalesOrder", "b"));
        assertThat(c.claim(10, LEASE)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void twoInstancesDrainingTheSameKeysNeverHoldAKeyAtOnceAndKeepEachKeysOrder(String kind) throws Exception {
        OutboxStore a = store(kind, "a");
        OutboxStore b = store(kind, "b");
        Map<String, List<String>> queued = new ConcurrentHashMap<>();
        for (int j = 0; j < 12; j++) {
            for (int i = 0; i < 4; i++) {
                queued.computeIfAbsent("Doc" + i, k -> new ArrayList<>())
                        .add(a.enqueue("Doc" + i, null, null, BOD, "T", "lid://x"));
            }
        }
        Map<String, String> holders = new ConcurrentHashMap<>();
        Map<String, List<String>> sent = new ConcurrentHashMap<>();
        List<String> overlaps = java.util.Collections.synchronizedList(new ArrayList<>());
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (OutboxStore claimer : List.of(a, b)) {
                String me = claimer == a ? "a" : "b";
                runs.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    for (int round = 0; round < 400 && sent.values().stream().mapToInt(List::size).sum() < 48; round++) {
                        for (List<OutboxMessage> lane : claimer.claimLanes(2, 3, LEASE)) {
                            String key = lane.get(0).documentName();
                            String other = holders.putIfAbsent(key, me);
                            if (other != null) {
                                overlaps.add(key + " held by " + other + " and " + me);
                            }
                            lane.forEach(m -> sent.computeIfAbsent(key, k -> java.util.Collections
                                    .synchronizedList(new ArrayList<>())).add(m.messageId()));
                            claimer.markSent(lane);
                            holders.remove(key, me);
                            claimer.endLane(lane);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
            assertThat(overlaps).isEmpty();
            queued.forEach((key, ids) -> assertThat(sent.get(key)).as("%s once each, in enqueue order", key)
                    .containsExactlyElementsOf(ids));
            assertThat(leaseHolders()).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    private Map<String, String> leaseHolders() {
        Map<String, String> holders = new java.util.TreeMap<>();
        new Database(dataSource).query("SELECT ordering_key, claimed_by FROM outbox_lease",
                rs -> holders.put(rs.getString(1), rs.getString(2)));
        return holders;
    }

    private long rowLeases() {
        return new Database(dataSource).count("SELECT COUNT(*) FROM message WHERE claimed_by IS NOT NULL");
    }
}
