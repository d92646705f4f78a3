package io.switchboard.ion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.switchboard.EnvironmentOverrides;
import io.switchboard.TestHub;
import io.switchboard.ops.PeerMonitors;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class IonOutboundSendTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void queuedBodReachesIonOnceWithParameterRequestTenantAndBearerToken() throws Exception {
        String bod = Files.readString(Path.of("src/test/resources/ion/SyncSalesOrder.xml"));
        try (IonTestHub t = IonTestHub.start(FakeIon.start(), Map.of())) {
            String id = t.enqueue("SyncSalesOrder", bod);

            await().atMost(WAIT).until(() -> "SENT".equals(t.status(id)));
            assertThat(t.ion.received()).hasSize(1);
            FakeIon.Received r = t.ion.received().get(0);
            assertThat(r.parameters()).containsEntry("documentName", "SyncSalesOrder")
                    .containsEntry("messageId", id)
                    .containsEntry("fromLogicalId", "lid://infor.ims.switchboard")
                    .containsEntry("toLogicalId", "lid://infor.m3.acme")
                    .containsEntry("encoding", "NONE")
                    .containsEntry("characterSet", "UTF-8");
            assertThat(r.payload()).isEqualTo(bod);
            assertThat(r.tenantId()).isEqualTo(FakeIon.TENANT);
            assertThat(r.bearer()).isEqualTo("tok-1");
            assertThat(r.partContentTypes()).containsEntry("ParameterRequest", "application/json")
                    .containsEntry("MessagePayload", "application/octet-stream");
            assertThat(t.ion.tokenRequests()).hasSize(1);
            assertThat(t.ion.tokenRequests().get(0)).containsEntry("grant_type", "password")
                    .containsEntry("client_id", "ACME_TST~clientId")
                    .containsEntry("username", "ACME_TST#accessKey")
                    .containsEntry("password", "exampleServiceAccountSecretKey-not-real");
            // the raw logical id, as Infor's page writes the path; see IonAcceptedDocumentsPathTest for the fallback
            assertThat(t.ion.acceptedPaths()).allMatch(p -> p.contains("/v3/lid://infor.ims.switchboard/"));
            // initialisation has just reached ION: no extra ping before the first batch (ping after idle or failure)
            assertThat(t.ion.calls(FakeIon.PING)).isZero();
        }
    }

    @Test
    void deflateCompressionAndTenantOverrideAreSentWhenConfigured() {
        try (IonTestHub t = IonTestHub.start(FakeIon.start(),
                Map.of("hub.ion.compression", "DEFLATE", "hub.ion.tenant-id", "OTHER_TENANT"))) {
            String bod = IonTestHub.bod("SalesOrder", 1);
            String id = t.enqueue("SyncSalesOrder", bod);

            await().atMost(WAIT).until(() -> "SENT".equals(t.status(id)));
            FakeIon.Received r = t.ion.received().get(0);
            assertThat(r.parameters()).containsEntry("encoding", "DEFLATE");
            assertThat(r.payload()).isEqualTo(bod);
            assertThat(r.tenantId()).isEqualTo("OTHER_TENANT");
        }
    }

    @Test
    void routesQueueThroughDirectIonOutboundAndGetTheCommittedMessageId() {
        try (IonTestHub t = IonTestHub.start(FakeIon.start(), Map.of())) {
            Exchange reply = t.hub.context().createProducerTemplate().request(IonHeaders.OUTBOUND_ENDPOINT, e -> {
                e.getIn().setBody(IonTestHub.bod("ServiceOrder", 7));
                e.getIn().setHeader(IonHeaders.DOCUMENT_NAME, "SyncServiceOrder");
                e.getIn().setHeader(IonHeaders.VARIATION, "2");
            });

            String id = reply.getMessage().getHeader(IonHeaders.MESSAGE_ID, String.class);
            assertThat(id).isNotBlank();
            assertThat(t.message(id).documentName()).isEqualTo("SyncServiceOrder");
            await().atMost(WAIT).until(() -> "SENT".equals(t.status(id)));
            assertThat(t.ion.received().get(0).parameters()).containsEntry("variation", "2")
                    .doesNotContainKey("toLogicalId");
        }
    }

    @Test
    void sameDocumentGoesOutInEnqueueOrderWhileDocumentsRunInParallel() {
        FakeIon ion = FakeIon.start().delay(FakeIon.MESSAGE, Duration.ofMillis(30));
        try (IonTestHub t = IonTestHub.start(ion, Map.of("hub.ion.parallelism", "3"))) {
            List<String> docs = List.of("SyncSalesOrder", "AcknowledgeSalesOrder", "SyncServiceOrder");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                for (String doc : docs) {
                    ids.add(t.enqueue(doc, IonTestHub.bod("X", i)));
                }
            }

            await().atMost(WAIT).until(() -> t.ion.received().size() == ids.size());
            for (String doc : docs) {
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < ids.size(); i++) {
                    if (docs.get(i % 3).equals(doc)) {
                        expected.add(ids.get(i));
                    }
                }
                assertThat(t.ion.received().stream().filter(r -> r.documentName().equals(doc))
                        .map(FakeIon.Received::messageId).toList()).as(doc).containsExactlyElementsOf(expected);
            }
            assertThat(t.ion.maxConcurrentMessages()).isBetween(2, 3);
        }
    }

    @Test
    void baseUrlFromTheEnvironmentOverridesTheIonapiDerivedOne() {
        FakeIon ion = FakeIon.start();
        String messaging = ion.url() + "/" + FakeIon.TENANT + "/IONSERVICES/api/ion/messaging";
        Map<String, String> env = EnvironmentOverrides.fromEnvironment(Map.of("HUB_ION_BASE_URL", messaging));
        assertThat(env).containsEntry("hub.ion.base-url", messaging);

        // the .ionapi's iu points at a closed port: only the override can reach the fake
        Path ionapi = ion.writeIonapi(TestHub.tempDir(), "http://127.0.0.1:" + TestHub.freePort());
        Map<String, String> props = new java.util.HashMap<>(IonTestHub.fastTimings());
        props.putAll(env);
        props.put("hub.ion.credentials-file", ionapi.toString());
        try (IonTestHub t = IonTestHub.start(ion, props, true)) {
            String id = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));

            await().atMost(WAIT).until(() -> "SENT".equals(t.status(id)));
        }
    }

    @Test
    void jmxShowsStateAndCountsWithoutSecretsAndThePeerMonitorIsRegistered() throws Exception {
        try (IonTestHub t = IonTestHub.start(FakeIon.start(), Map.of())) {
            String id = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));
            await().atMost(WAIT).until(() -> "SENT".equals(t.status(id)));

            assertThat(t.state()).isEqualTo("READY");
            assertThat(t.attribute("SentCount")).isEqualTo(1L);
            assertThat(t.attribute("QueuedCount")).isEqualTo(0L);
            assertThat(t.attribute("HeldCount")).isEqualTo(0L);
            assertThat(t.attribute("DeadCount")).isEqualTo(0L);
            assertThat((String) t.attribute("AcceptedDocuments")).contains("SyncSalesOrder");
            var monitor = t.hub.bean("peerMonitors", PeerMonitors.class).find("ion").orElseThrow();
            assertThat(monitor.enabled()).isTrue();
            assertThat(monitor.state()).isEqualTo("READY");
            assertThat(monitor.healthy()).isTrue();
            assertThat(monitor.lastSuccess()).isNotNull();
        }
    }
}
