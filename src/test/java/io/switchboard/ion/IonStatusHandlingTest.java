package io.switchboard.ion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.switchboard.store.DeadLetterRecord;
import io.switchboard.store.DeadLetterStore;
import org.junit.jupiter.api.Test;

class IonStatusHandlingTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void rejectedMessageIsDeadLetteredAlertedAndTheNextOneGoesOut() {
        FakeIon ion = FakeIon.start().script(FakeIon.MESSAGE, 400);
        try (IonTestHub t = IonTestHub.start(ion, Map.of())) {
            String bad = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));
            String good = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 2));

            await().atMost(WAIT).until(() -> "SENT".equals(t.status(good)));
            assertThat(t.status(bad)).isEqualTo("DEAD");
            DeadLetterStore deadLetters = t.hub.bean("deadLetterStore", DeadLetterStore.class);
            DeadLetterRecord dl = deadLetters.findByStatus(DeadLetterStore.DEAD, 10).get(0);
            assertThat(dl.messageId()).isEqualTo(bad);
            assertThat(dl.messagePk()).isEqualTo(t.message(bad).id());
            assertThat(dl.documentName()).isEqualTo("SyncSalesOrder");
            assertThat(dl.endpointUri()).isEqualTo(IonHeaders.OUTBOUND_ENDPOINT);
            assertThat(dl.body()).isEqualTo(IonTestHub.bod("SalesOrder", 1));
            assertThat(t.alerts("ion.invalid-message.")).isEqualTo(1);
            assertThat(t.ion.received()).extracting(FakeIon.Received::messageId).containsExactly(good);
        }
    }

    @Test
    void onInvalidStopSuspendsSendingAfterTheRejectedMessage() throws Exception {
        FakeIon ion = FakeIon.start().script(FakeIon.MESSAGE, 400);
        try (IonTestHub t = IonTestHub.start(ion, Map.of("hub.ion.on-invalid", "stop"))) {
            String bad = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));
            await().atMost(WAIT).until(() -> "DEAD".equals(t.status(bad)));
            String next = t.enqueue("SyncServiceOrder", IonTestHub.bod("ServiceOrder", 2));

            await().atMost(WAIT).until(() -> "SUSPENDED".equals(t.state()));
            assertThat(t.status(next)).isEqualTo("QUEUED");

            t.invoke("resume");
            await().atMost(WAIT).until(() -> "SENT".equals(t.status(next)));
        }
    }

    @Test
    void documentNotAcceptedIsHeldWithOneAlertAndReleasedWhenARefreshAcceptsIt() throws Exception {
        // a plain list of names: the tolerant parser reads it as well as the object form
        FakeIon ion = FakeIon.start().acceptedDocuments("[\"SyncSalesOrder\"]");
        try (IonTestHub t = IonTestHub.start(ion, Map.of())) {
            String first = t.enqueue("SyncContactMaster", IonTestHub.bod("ContactMaster", 1));
            String second = t.enqueue("SyncContactMaster", IonTestHub.bod("ContactMaster", 2));
            String other = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 3));

            await().atMost(WAIT).until(() -> "HELD".equals(t.status(first)) && "SENT".equals(t.status(other)));
            assertThat(t.status(second)).isEqualTo("QUEUED");
            assertThat(t.attribute("HeldCount")).isEqualTo(1L);
            assertThat(t.alerts("ion.held.SyncContactMaster")).isEqualTo(1);

            t.ion.acceptedDocuments("[{\"documentName\":\"SyncSalesOrder\"},{\"documentName\":\"SyncContactMaster\"}]");
            t.invoke("refreshAcceptedDocuments");

            await().atMost(WAIT).until(() -> "SENT".equals(t.status(second)));
            assertThat(t.ion.received()).extracting(FakeIon.Received::messageId).containsExactly(other, first, second);
            assertThat(t.alerts("ion.held.")).isEqualTo(1);
        }
    }

    @Test
    void heldDocumentIsReleasedByThePeriodicRefresh() {
        FakeIon ion = FakeIon.start().acceptedDocuments("[]");
        try (IonTestHub t = IonTestHub.start(ion, Map.of("hub.ion.accepted-documents.refresh", "200"))) {
            String id = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));
            await().atMost(WAIT).until(() -> "HELD".equals(t.status(id)));

            t.ion.acceptedDocuments("{\"acceptedDocuments\":[\"SyncSalesOrder\"]}");

            await().atMost(WAIT).until(() -> "SENT".equals(t.status(id)));
        }
    }

    @Test
    void notEntitledStaysInitialisingWithOneAlertAndSendsOnceEntitled() throws Exception {
        FakeIon ion = FakeIon.start().always(FakeIon.ACCEPTED, 412);
        try (IonTestHub t = IonTestHub.start(ion, Map.of())) {
            String id = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));

            await().atMost(WAIT).until(() -> t.ion.calls(FakeIon.ACCEPTED) >= 5);
            assertThat(t.state()).isEqualTo("INITIALIZING");
            assertThat(t.status(id)).isEqualTo("QUEUED");
            assertThat(t.alerts("ion.not-entitled")).isEqualTo(1);

            t.ion.always(FakeIon.ACCEPTED, 0);
            await().atMost(WAIT).until(() -> "SENT".equals(t.status(id)));
            assertThat(t.alerts("ion.not-entitled")).isEqualTo(1);
        }
    }

    @Test
    void notEntitledOnSendGoesBackToInitialisationAndTheMessageStays() {
        FakeIon ion = FakeIon.start().script(FakeIon.MESSAGE, 412);
        try (IonTestHub t = IonTestHub.start(ion, Map.of())) {
            String id = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));

            await().atMost(WAIT).until(() -> "SENT".equals(t.status(id)));
            assertThat(t.ion.calls(FakeIon.VERSIONS)).isGreaterThanOrEqualTo(2);
            assertThat(t.ion.received()).hasSize(1);
            assertThat(t.message(id).attempts()).isEqualTo(2);
        }
    }

    @Test
    void ionWithoutV3SuspendsWithAnAlertUntilResumed() throws Exception {
        FakeIon ion = FakeIon.start().versions("[\"v1\",\"v2\"]");
        try (IonTestHub t = IonTestHub.start(ion, Map.of())) {
            String id = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));

            await().atMost(WAIT).until(() -> "SUSPENDED".equals(t.state()));
            assertThat(t.alerts("ion.no-v3")).isEqualTo(1);
            assertThat((String) t.attribute("LastError")).contains("without v3");
            assertThat(t.status(id)).isEqualTo("QUEUED");

            t.ion.versions("{\"versions\":[\"v2\",\"v3\"]}");
            t.invoke("resume");
            await().atMost(WAIT).until(() -> "SENT".equals(t.status(id)));
        }
    }

    @Test
    void expiredTokenIsRefreshedOnceAndTheMessageGoesOut() throws Exception {
        try (IonTestHub t = IonTestHub.start(FakeIon.start(), Map.of())) {
            String first = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));
            await().atMost(WAIT).until(() -> "SENT".equals(t.status(first)));

            t.ion.revokeTokens();
            String second = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 2));

            await().atMost(WAIT).until(() -> "SENT".equals(t.status(second)));
            assertThat(t.ion.tokenRequests()).hasSize(2);
            assertThat(t.ion.received().get(1).bearer()).isEqualTo("tok-2");
            assertThat(t.state()).isEqualTo("READY");
        }
    }

    @Test
    void tokenNearItsExpiryIsReplacedBeforeItIsUsed() {
        // 20 s lifetime: inside the 30 s safety margin, so every call needs a fresh token and none gets a 401
        FakeIon ion = FakeIon.start().tokenLifetime(20);
        try (IonTestHub t = IonTestHub.start(ion, Map.of())) {
            String id = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));

            await().atMost(WAIT).until(() -> "SENT".equals(t.status(id)));
            // versions, acceptedDocuments, multipartMessage: one token each
            assertThat(t.ion.tokenRequests().size()).isGreaterThanOrEqualTo(3);
            assertThat(t.ion.received().get(0).bearer()).isEqualTo("tok-" + t.ion.tokenRequests().size());
        }
    }

    @Test
    void unavailableOnSendBacksOffAndTheMessageGoesOutExactlyOnce() {
        FakeIon ion = FakeIon.start().script(FakeIon.MESSAGE, 503, 500, 504).script(FakeIon.PING, 200, 503, 503);
        try (IonTestHub t = IonTestHub.start(ion, Map.of())) {
            String id = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));

            await().atMost(WAIT).until(() -> "SENT".equals(t.status(id)));
            assertThat(t.ion.received()).hasSize(1);
            assertThat(t.message(id).attempts()).isEqualTo(4);
        }
    }

    @Test
    void timeoutIsTreatedLikeAnOutage() {
        FakeIon ion = FakeIon.start().delay(FakeIon.PING, Duration.ofMillis(800));
        try (IonTestHub t = IonTestHub.start(ion, Map.of("hub.ion.request-timeout", "300",
                "hub.ion.ping-after-idle", "0"))) {
            String id = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));

            await().atMost(WAIT).until(() -> t.ion.calls(FakeIon.PING) >= 2);
            assertThat(t.status(id)).isEqualTo("QUEUED");
            assertThat(t.message(id).lastError()).contains("timeout");

            t.ion.delay(FakeIon.PING, Duration.ZERO);
            await().atMost(WAIT).until(() -> "SENT".equals(t.status(id)));
        }
    }

    @Test
    void refusedCredentialsStopSendingUntilTheCredentialsFileChanges() throws Exception {
        FakeIon ion = FakeIon.start().always(FakeIon.PING, 401);
        // ping before every batch, so the refused ping is what stops the first send
        try (IonTestHub t = IonTestHub.start(ion, Map.of("hub.ion.ping-after-idle", "0"))) {
            String id = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));

            await().atMost(WAIT).until(() -> "AUTH_FAILED".equals(t.state()));
            assertThat(t.alerts("ion.auth-failed")).isEqualTo(1);
            assertThat(t.status(id)).isEqualTo("QUEUED");
            assertThat(t.ion.tokenRequests()).as("one token refresh after the 401").hasSize(2);
            String lastError = (String) t.attribute("LastError");
            assertThat(lastError).contains("401").doesNotContain("not-real").doesNotContain("tok-");

            t.ion.always(FakeIon.PING, 0);
            int pingsWhileStopped = t.ion.calls(FakeIon.PING);
            Path file = Path.of(t.hub.context().getPropertiesComponent().resolveProperty("hub.ion.credentials-file")
                    .orElseThrow());
            Files.writeString(file, t.ion.ionapiJson(t.ion.url(), "rotated-secret-not-real"));

            await().atMost(WAIT).until(() -> "SENT".equals(t.status(id)));
            assertThat(t.ion.tokenRequests().get(t.ion.tokenRequests().size() - 1))
                    .containsEntry("password", "rotated-secret-not-real");
            assertThat(t.ion.calls(FakeIon.PING)).isGreaterThan(pingsWhileStopped);
            assertThat(t.alerts("ion.auth-failed")).isEqualTo(1);
        }
    }

    @Test
    void forbiddenPingAfterAnOutageIsAuthFailedAndJmxResumeStartsAgain() throws Exception {
        FakeIon ion = FakeIon.start().script(FakeIon.MESSAGE, 503).always(FakeIon.PING, 403);
        try (IonTestHub t = IonTestHub.start(ion, Map.of())) {
            String id = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));

            await().atMost(WAIT).until(() -> "AUTH_FAILED".equals(t.state()));
            assertThat(t.status(id)).isEqualTo("QUEUED");

            t.ion.always(FakeIon.PING, 0);
            t.invoke("resume");
            await().atMost(WAIT).until(() -> "SENT".equals(t.status(id)));
        }
    }
}
