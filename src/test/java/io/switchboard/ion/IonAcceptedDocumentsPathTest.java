package io.switchboard.ion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * GET /service/v3/{lid}/acceptedDocuments: Infor's page writes the plain logical id; API gateways often refuse %2F.
 * The hub sends the raw form first, falls back to the percent-encoded form on 404, and keeps what worked.
 */
class IonAcceptedDocumentsPathTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String RAW = "/service/v3/lid://infor.ims.switchboard/acceptedDocuments";
    private static final String ENCODED = "/service/v3/lid%3A%2F%2Finfor.ims.switchboard/acceptedDocuments";

    @Test
    void theRawLogicalIdIsSentFirstAndAGatewayRefusingEncodedSlashesNeverSeesIt() throws Exception {
        FakeIon ion = FakeIon.start().refuseAcceptedPathsContaining("%2F");
        try (IonTestHub t = IonTestHub.start(ion, Map.of())) {
            String id = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));

            await().atMost(WAIT).until(() -> "SENT".equals(t.status(id)));
            assertThat(t.ion.acceptedPaths()).isNotEmpty().allMatch(p -> p.endsWith(RAW));
            assertThat(t.attribute("AcceptedDocumentsPathForm")).isEqualTo("RAW");
        }
    }

    @Test
    void aRefusedRawPathFallsBackToTheEncodedFormAndKeepsIt() throws Exception {
        FakeIon ion = FakeIon.start().refuseAcceptedPathsContaining("lid://");
        try (IonTestHub t = IonTestHub.start(ion, Map.of())) {
            String id = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));
            await().atMost(WAIT).until(() -> "SENT".equals(t.status(id)));
            assertThat(t.ion.acceptedPaths()).hasSize(2);
            assertThat(t.ion.acceptedPaths().get(0)).endsWith(RAW);
            assertThat(t.ion.acceptedPaths().get(1)).endsWith(ENCODED);
            assertThat(t.attribute("AcceptedDocumentsPathForm")).isEqualTo("ENCODED");

            t.invoke("refreshAcceptedDocuments");
            await().atMost(WAIT).until(() -> t.ion.acceptedPaths().size() == 3);
            assertThat(t.ion.acceptedPaths().get(2)).as("the form that worked goes first").endsWith(ENCODED);
            assertThat(t.alerts).isEmpty();
        }
    }

    @Test
    void aPathRefusedInBothFormsAlertsPathRefusedNotUnreachable() throws Exception {
        FakeIon ion = FakeIon.start().refuseAcceptedPathsContaining("/acceptedDocuments");
        try (IonTestHub t = IonTestHub.start(ion, Map.of())) {
            String id = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));

            // several initialisation rounds, longer than the 300 ms error-log window of the test timings
            await().atMost(WAIT).until(() -> t.ion.calls(FakeIon.ACCEPTED) >= 12);
            assertThat(t.state()).isEqualTo("INITIALIZING");
            assertThat(t.status(id)).isEqualTo("QUEUED");
            assertThat(t.alerts).extracting(IonTestHub.Alert::dedupKey).containsExactly("ion.accepted-documents-path");
            assertThat(t.alerts.get(0).title()).isEqualTo("acceptedDocuments path refused");
            assertThat(t.alerts.get(0).text()).contains(RAW).contains(ENCODED);
            assertThat((String) t.attribute("LastError")).contains("acceptedDocuments path refused");
        }
    }
}
